"""Hostile inputs: the review sheet's facts, calendars and sheets (see tests/hostile.py)."""

from hostile import Case

CASES: tuple[Case, ...] = (
    Case(
        id="review-calendar-of-eight-thousand-years",
        what="an inline calendar from year 1 to 9999, deadline in year 1, submission in 9999: "
        "counted at once (no day-by-day walk), the late days not listed, the score 0",
        code="""
        import json
        facts = {"deadline": "0001-01-01", "submitted": "9999-12-31", "calendar": {
            "key": "long", "title": "t", "source": {"title": "t", "document_number": None},
            "first": "0001-01-01", "last": "9999-12-31", "weekend": ["saturday", "sunday"],
            "holidays": [], "make_up_days": []}}
        (work / "facts.json").write_text(json.dumps(facts), encoding="utf-8")
        args = ("review", "example:yueyang-npc-2022", "--facts", "facts.json")
        done = cli(*args, "--format", "json")
        assert done.returncode == 1, done
        item = next(i for i in json.loads(done.stdout)["items"] if i["key"] == "submission")
        assert item["score"] == "0" and len(item["why"]) == 1, item
        assert "2608614 working day(s) late" in item["why"][0]["en"], item
        """,
    ),
    Case(
        id="review-ten-thousand-month-long-holidays",
        what="a calendar listing over 10,000 holidays of 31 days each is refused before any "
        "date is made (a list of at most 10,000)",
        code="""
        import json
        from budget_perf.review import InvalidReviewInput, calendar_from_json
        entry = {"name": "x", "from": "2023-01-01", "to": "2023-01-31"}
        data = {"key": "k", "title": "t", "source": {"title": "t", "document_number": None},
                "first": "2023-01-01", "last": "2023-12-31", "weekend": [],
                "holidays": [entry] * 10_001, "make_up_days": []}
        refused(InvalidReviewInput, calendar_from_json, json.dumps(data),
                contains="a list of 10001 elements is too long (at most 10000) @ $.holidays")
        """,
    ),
    Case(
        id="review-score-of-a-million-digits",
        what="a reviewer's score written with a million digits is refused in a short message, "
        "exit 2, never printed whole",
        code="""
        import json
        facts = {"reviewer": {"problems": {"score": "1" * 1_000_000, "reason": "x"}}}
        (work / "facts.json").write_text(json.dumps(facts), encoding="utf-8")
        done = cli("review", "example:yueyang-npc-2022", "--facts", "facts.json", "--lang", "en")
        assert done.returncode == 2, done
        assert "a number of 1000000 characters is too long (at most 30)" in done.stderr
        assert len(done.stderr) < 500, len(done.stderr)
        """,
    ),
    Case(
        id="review-huge-exponent-score",
        what='a score "1E+999999999" is an exact decimal, but outside the item points: '
        "refused, exit 2, in Chinese too",
        code="""
        import json
        facts = {"reviewer": {"problems": {"score": "1E+999999999", "reason": "x"}}}
        (work / "facts.json").write_text(json.dumps(facts), encoding="utf-8")
        done = cli("review", "example:yueyang-npc-2022", "--facts", "facts.json")
        assert done.returncode == 2, done
        assert "1E+999999999分超出本项0至20分的范围" in done.stderr, done.stderr
        """,
    ),
    Case(
        id="review-reason-with-terminal-escapes",
        what="a reviewer's reason with ESC, a bidi override and a line break: the text sheet "
        "shows them as visible escapes, the JSON as \\\\u escapes",
        code="""
        import json
        reason = "清屏\\x1b[2J反向\\u202e换行\\n伪造一行"
        facts = {"reviewer": {"problems": {"score": "16", "reason": reason}}}
        (work / "facts.json").write_text(json.dumps(facts), encoding="utf-8")
        done = cli("review", "example:yueyang-npc-2022", "--facts", "facts.json")
        assert done.returncode == 1, done
        assert "\\x1b" not in done.stdout and "\\u202e" not in done.stdout, done.stdout
        assert "清屏\\\\x1b[2J反向\\\\u202e换行\\\\x0a伪造一行" in done.stdout
        args = ("review", "example:yueyang-npc-2022", "--facts", "facts.json")
        done = cli(*args, "--format", "json")
        assert "\\x1b" not in done.stdout and "\\u202e" not in done.stdout
        assert "\\\\u001b[2J" in done.stdout and "\\\\u202e" in done.stdout
        """,
    ),
)
