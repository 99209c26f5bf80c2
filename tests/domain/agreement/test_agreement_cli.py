"""``assessor-app stats agreement FILE.csv`` end to end, through ``cli_stats.main``."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from assessor_app import cli_stats
from assessor_app.cli_stats import main

DATA = Path(__file__).parent / "data"

JSON_KEYS = {
    "n_units",
    "n_raters",
    "exact_agreement",
    "all_agree",
    "adjacent_agreement",
    "cohen_kappa",
    "cohen_kappa_linear",
    "cohen_kappa_quadratic",
    "fleiss_kappa",
    "krippendorff_alpha",
    "gwet_ac1",
    "gwet_ac2_linear",
    "gwet_ac2_quadratic",
    "icc1",
    "icc2",
    "icc3",
    "icc1k",
    "icc2k",
    "icc3k",
    "undefined_reasons",
}

TWO_RATERS = "unit,rater,value\n" + "".join(
    f"{u},ann,{a}\n{u},bob,{b}\n"
    for u, (a, b) in enumerate([(1, 1), (2, 2), (2, 3), (3, 3), (4, 4), (1, 2), (3, 3), (4, 3)], start=1)
)


def write(tmp_path: Path, text: str, name: str = "ratings.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["stats", "agreement", *args, "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    payload = json.loads(out)
    assert isinstance(payload, dict)
    return payload


def test_json_output_has_exactly_the_documented_keys_and_explains_every_null(
    capsys: pytest.CaptureFixture[str],
) -> None:
    payload = run_json(capsys, str(DATA / "krippendorff_2011.csv"))
    assert set(payload) == JSON_KEYS
    nulls = {k for k, v in payload.items() if v is None}
    assert nulls == {"cohen_kappa", "cohen_kappa_linear", "cohen_kappa_quadratic"}
    reasons = payload["undefined_reasons"]
    assert isinstance(reasons, dict) and set(reasons) == nulls
    assert all(isinstance(r, str) and "two raters" in r for r in reasons.values())
    for key in JSON_KEYS - nulls - {"undefined_reasons"}:
        assert isinstance(payload[key], int | float), key


def test_json_reproduces_the_published_krippendorff_and_gwet_values(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(DATA / "krippendorff_2011.csv")
    payload = run_json(capsys, path)
    assert (payload["n_units"], payload["n_raters"]) == (12, 4)
    assert payload["krippendorff_alpha"] == pytest.approx(0.815, abs=5e-4)  # default level: ordinal
    assert payload["exact_agreement"] == pytest.approx(0.818, abs=5e-4)
    assert payload["gwet_ac1"] == pytest.approx(0.775, abs=5e-4)
    assert payload["fleiss_kappa"] == pytest.approx(0.761, abs=5e-4)
    assert run_json(capsys, path, "--level", "nominal")["krippendorff_alpha"] == pytest.approx(
        0.743, abs=5e-4
    )
    assert run_json(capsys, path, "--level", "interval")["krippendorff_alpha"] == pytest.approx(
        0.849, abs=5e-4
    )
    assert run_json(capsys, path, "--level", "ratio")["krippendorff_alpha"] == pytest.approx(0.797, abs=5e-4)


def test_json_icc_for_the_shrout_fleiss_table(capsys: pytest.CaptureFixture[str]) -> None:
    payload = run_json(capsys, str(DATA / "shrout_fleiss_1979.csv"), "--level", "interval")
    published = {"icc1": 0.17, "icc2": 0.29, "icc3": 0.71, "icc1k": 0.44, "icc2k": 0.62, "icc3k": 0.91}
    assert {k: payload[k] for k in published} == pytest.approx(published, abs=0.005)


def test_two_raters_get_cohen_kappas_and_unused_levels_change_only_gwet_ac2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(write(tmp_path, TWO_RATERS))
    observed = run_json(capsys, path)
    assert all(
        observed[k] is not None for k in ("cohen_kappa", "cohen_kappa_linear", "cohen_kappa_quadratic")
    )
    assert observed["undefined_reasons"] == {}
    widened = run_json(capsys, path, "--categories", "0,1,2,3,4,5")
    assert widened["cohen_kappa_linear"] == pytest.approx(observed["cohen_kappa_linear"])
    assert widened["gwet_ac1"] != pytest.approx(observed["gwet_ac1"])
    assert widened["gwet_ac2_linear"] != pytest.approx(observed["gwet_ac2_linear"])


def test_table_is_aligned_and_gives_the_reason_where_a_statistic_is_undefined(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["stats", "agreement", str(DATA / "krippendorff_2011.csv"), "--level", "interval"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert "Krippendorff's alpha at the interval level" in out
    assert "Scale (lowest first): 1 < 2 < 3 < 4 < 5" in out
    header = next(i for i, line in enumerate(lines) if line.startswith("statistic"))
    rows = lines[header + 2 :]
    assert len(rows) == 19
    value_end = lines[header].index("value") + len("value")
    assert all(row[value_end - 1] != " " and row[value_end : value_end + 1] in ("", " ") for row in rows)
    cohen = next(row for row in rows if row.startswith("Cohen's kappa "))
    assert "undefined" in cohen and "exactly two raters" in cohen
    alpha = next(row for row in rows if row.startswith("Krippendorff's alpha (interval)"))
    assert "0.8491" in alpha


def test_text_levels_work_ordinally_with_icc_null_and_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "unit,rater,value\n1,a,meets\n1,b,meets\n2,a,below\n2,b,meets\n3,a,exceeds\n3,b,exceeds\n"
    path = str(write(tmp_path, text))
    payload = run_json(capsys, path, "--categories", "below,meets,exceeds")
    assert payload["krippendorff_alpha"] is not None and payload["cohen_kappa_quadratic"] is not None
    reasons = payload["undefined_reasons"]
    assert isinstance(reasons, dict) and set(reasons) == {"icc1", "icc2", "icc3", "icc1k", "icc2k", "icc3k"}
    assert "numeric" in reasons["icc1"]
    assert main(["stats", "agreement", path]) == 0
    assert "sorted as text; give --categories" in capsys.readouterr().out
    assert main(["stats", "agreement", path, "--categories", "below,meets,exceeds"]) == 0
    out = capsys.readouterr().out
    assert "Scale (lowest first): below < meets < exceeds\n" in out
    assert "ICC(1,1)" in out and "ICC needs numeric levels" in out


def test_a_criterion_column_is_pooled_by_default_and_said_so_or_filtered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "criterion,unit,rater,value\n" + "".join(
        f"{c},{u},{r},{v}\n"
        for c, u, r, v in [
            ("planning", 1, "a", 1),
            ("planning", 1, "b", 1),
            ("planning", 2, "a", 2),
            ("planning", 2, "b", 3),
            ("feedback", 1, "a", 3),
            ("feedback", 1, "b", 3),
            ("feedback", 2, "a", 4),
            ("feedback", 2, "b", 4),
        ]
    )
    path = str(write(tmp_path, text))
    assert main(["stats", "agreement", path]) == 0
    out = capsys.readouterr().out
    assert "Units are (criterion, unit) pairs pooled across 2 criteria: planning, feedback" in out
    assert run_json(capsys, path)["n_units"] == 4
    only = run_json(capsys, path, "--criterion", "feedback")
    assert (only["n_units"], only["exact_agreement"]) == (2, 1.0)
    assert main(["stats", "agreement", path, "--criterion", "feedback"]) == 0
    assert "Criterion: feedback" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "extra", "message"),
    [
        (None, [], "no such file"),
        ("", [], "is empty"),
        ("unit,rater,value\n", [], "no ratings"),
        ("unit,score\n1,2\n", [], "no rater, value column(s)"),
        ("unit,rater,value\n1,a,1\n1,a,2\n", [], "repeats unit '1' and rater 'a'"),
        ("unit,rater,value\n1,a,1\n1,b,7\n", ["--categories", "1,2,3,4"], "not in the category list"),
        ("unit,rater,value\n1,a,1\n", ["--categories", "1,,3"], "empty level"),
        ("unit,rater,value\n1,a,low\n1,b,high\n", ["--level", "interval"], "--level interval needs numeric"),
        ("unit,rater,value\n1,a,low\n1,b,high\n", ["--level", "ratio"], "--level ratio needs numeric"),
        ("unit,rater,value\n1,a,-1\n1,b,2\n", ["--level", "ratio"], "values of 0 or more"),
        ("unit,rater,value\n1,a,1\n", ["--criterion", "x"], "no criterion column"),
    ],
)
def test_bad_input_gives_one_error_line_and_exit_status_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str | None,
    extra: list[str],
    message: str,
) -> None:
    path = tmp_path / "ratings.csv"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    for json_flag in ([], ["--json"]):
        assert main(["stats", "agreement", str(path), *extra, *json_flag]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert err.startswith("error: ") and err.endswith("\n") and err.count("\n") == 1
        assert message in err
        assert "Traceback" not in err


def test_a_directory_instead_of_a_file_is_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "agreement", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_an_unknown_level_is_rejected_by_the_option_parser_with_status_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["stats", "agreement", str(DATA / "krippendorff_2011.csv"), "--level", "cardinal"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_register_plugs_stats_agreement_into_an_application_parser(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser(prog="assessor-app")
    subparsers = parser.add_subparsers(dest="command", required=True)
    subparsers.add_parser("other").set_defaults(func=lambda args: 5)
    cli_stats.register(subparsers)
    source = shutil.copy(DATA / "krippendorff_2011.csv", tmp_path / "copy.csv")
    args = parser.parse_args(["stats", "agreement", str(source), "--json"])
    assert args.func is cli_stats.run_agreement
    assert args.func(args) == 0
    assert json.loads(capsys.readouterr().out)["n_raters"] == 4


def test_an_unexpected_failure_is_one_error_line_with_status_1_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(cli_stats, "agreement_report", explode)
    assert main(["stats", "agreement", str(DATA / "krippendorff_2011.csv")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("error: internal error") and "RuntimeError: boom second line" in err
