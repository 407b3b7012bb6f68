"""考核评分表: filling in the finance bureau's review sheet of a unit's self-evaluation work."""
