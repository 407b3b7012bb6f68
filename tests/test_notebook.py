"""examples/explore.ipynb runs top to bottom in a Jupyter kernel and shows what it promises."""

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "explore.ipynb"


def test_the_explore_notebook_runs_and_shows_tables_and_charts(tmp_path: Path) -> None:
    """Executed in a fresh kernel, the notebook raises nothing; the report shows as HTML with
    the derived 98.49% beside the marked 100%, the findings and the DataFrame as tables, and
    each chart as inline SVG."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    outputs = [
        (cell.source, output)
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    ]
    assert not [o for _, o in outputs if o.output_type == "error"]
    html = [o.data["text/html"] for _, o in outputs if "text/html" in o.get("data", {})]
    report_html = next(h for h in html if "bp-report" in h)
    assert "98.49%" in report_html and "bp-error" in report_html
    assert any("BP201" in h and "<table" in h and "bp-report" not in h for h in html)
    assert any("<table" in h and "derived_execution_rate" in h for h in html)  # the DataFrame
    svgs = [o.data["image/svg+xml"] for _, o in outputs if "image/svg+xml" in o.get("data", {})]
    assert len(svgs) == 3
    assert all(s.lstrip().startswith("<svg") for s in svgs)
    printed = "".join(o.get("text", "") for _, o in outputs if o.output_type == "stream")
    assert "自评100% / 复核98.49%" in printed
    assert "优 优" in printed
