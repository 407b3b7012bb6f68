"""budget_perf: typed model and exact calculations for 预算绩效自评."""
