"""The command line contracts (the README's command line table): ask --json, check, eval."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.auxil.server import run_bot

KINDS = {"faq", "manual", "case", "referral", "smalltalk"}


def check_contract(line: str) -> dict[str, object]:
    obj: dict[str, object] = json.loads(line)
    assert set(obj) == {"query", "decision", "results"}
    assert obj["decision"] in ("answer", "clarify", "escalate")
    results = obj["results"]
    assert isinstance(results, list)
    assert len(results) <= 5
    for result in results:
        assert set(result) == {"id", "kind", "title", "score"}
        assert result["kind"] in KINDS
        assert isinstance(result["score"], float)
        assert isinstance(result["title"], str)
        assert result["title"]
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    return obj


def test_ask_json_answers_each_argument_on_its_own_line() -> None:
    done = run_bot("ask", "--json", "RPAってなに？", "有給休暇の申請方法")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 2
    first, second = (check_contract(line) for line in lines)
    assert first["query"] == "RPAってなに？"
    assert first["decision"] == "answer"
    assert first["results"][0]["id"] == "tool-rpa-basics"  # type: ignore[index]
    assert second["results"][0]["kind"] == "referral"  # type: ignore[index]


def test_ask_json_reads_standard_input_and_uses_the_cache(tmp_path: Path) -> None:
    queries = "業務フロー図の書き方\n\n　 \nこんにちは\r\n" + "😀" * 3 + "\n"
    cold = run_bot("ask", "--json", stdin=queries, cache=tmp_path)
    assert cold.returncode == 0, cold.stderr
    assert list(tmp_path.glob("index-*.pickle"))
    warm = run_bot("ask", "--json", stdin=queries, cache=tmp_path)
    assert warm.stdout == cold.stdout
    objects = [check_contract(line) for line in warm.stdout.strip().splitlines()]
    assert [o["query"] for o in objects] == ["業務フロー図の書き方", "こんにちは", "😀😀😀"], (
        "blank lines skipped"
    )
    assert objects[1]["results"][0]["kind"] == "smalltalk"  # type: ignore[index]


def test_a_corrupt_cache_is_rebuilt_not_fatal(tmp_path: Path) -> None:
    assert run_bot("ask", "--json", "RPA", cache=tmp_path).returncode == 0
    for path in tmp_path.glob("index-*.pickle"):
        path.write_bytes(b"not a pickle")
    done = run_bot("ask", "--json", "RPA", cache=tmp_path)
    assert done.returncode == 0
    check_contract(done.stdout.strip())


def test_ask_with_broken_knowledge_explains_instead_of_crashing(tmp_path: Path) -> None:
    faq = tmp_path / "faq.yaml"
    faq.write_text("- id: x\n  question: [\n", encoding="utf-8")
    done = run_bot("--faq", str(faq), "ask", "--json", "RPA")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"{faq}:" in done.stderr
    assert "python -m bot check" in done.stderr


@pytest.mark.parametrize("flag", ["--json", None])
def test_eval_prints_figures(flag: str | None) -> None:
    args = ["eval", "tests/data/queries_holdout.yaml"] + ([flag] if flag else [])
    done = run_bot(*args)
    assert done.returncode == 0, done.stderr
    if flag:
        figures = json.loads(done.stdout)
        assert {"overall", "out-of-scope", "typo"} <= set(figures)
        assert 0.0 <= figures["overall"]["found"] <= 1.0
        curve = figures["reliability"]
        assert sum(row["count"] for row in curve) == figures["overall"]["queries"]
        assert all(row["low"] <= row["confidence"] <= row["high"] for row in curve)
    else:
        assert "overall" in done.stdout
        assert "MRR" in done.stdout
        assert "判定の信頼度" in done.stdout


def test_eval_json_with_errors_is_one_json_document_holding_each_miss() -> None:
    figures = json.loads(run_bot("eval", "tests/data/queries_holdout.yaml", "--json", "--errors").stdout)
    misses = figures["errors"]
    assert misses, "the held-out set has misses to list"
    wrong = [m for m in misses if m["decision"] == "answer"]
    assert len(wrong) == round(figures["overall"]["confident_wrong"] * figures["overall"]["queries"])
    for miss in misses:
        assert set(miss) == {"group", "query", "expected", "decision", "results"}
        assert miss["decision"] != "answer" or miss["results"][0] not in miss["expected"]
    text = run_bot("eval", "tests/data/queries_holdout.yaml", "--errors").stdout
    assert f"正しく扱えなかった質問が{len(misses)}件あります:" in text
    assert f"「{misses[0]['query']}」" in text


def test_eval_counts_any_of_several_right_ids_and_can_strip_the_phrasings(tmp_path: Path) -> None:
    queries = tmp_path / "queries.yaml"
    queries.write_text(
        "- q: RPAとは何ですか？\n  expect: [tool-ocr-basics, tool-rpa-basics]\n  style: polite\n"
        "- q: RPAとは何ですか？\n  expect: tool-ocr-basics\n  style: polite\n",
        encoding="utf-8",
    )
    for extra in ([], ["--without-phrasings"]):
        done = run_bot("eval", *extra, "--json", str(queries))
        assert done.returncode == 0, done.stderr
        figures = json.loads(done.stdout)["overall"]
        assert figures["answered_right"] == 0.5, extra
    done = run_bot("eval", "--errors", str(queries))
    assert "正しく扱えなかった質問が1件あります:" in done.stdout
    assert "[polite] 「RPAとは何ですか？」: 正解 tool-ocr-basics、結果 回答（tool-rpa-basics" in done.stdout


def test_an_expected_id_the_knowledge_does_not_hold_is_said_by_its_line_and_counted_as_missed(
    tmp_path: Path,
) -> None:
    """A typo in the labels would make the figures lie unseen: it is said first; the figures still come."""
    queries = tmp_path / "queries.yaml"
    queries.write_text(
        '- q: RPAとは何ですか？\n  expect: tool-rpa-basics\n- q: RPAの研修\n  expect: "999"\n',
        encoding="utf-8",
    )
    done = run_bot("eval", str(queries), "--json")
    assert done.returncode == 0
    assert f"{queries}:3: 「expect」の「999」という項目は知識にありません" in done.stderr
    assert "注意: 正解のidのうち1件が知識にありません" in done.stderr
    overall = json.loads(done.stdout)["overall"]
    assert overall["queries"] == 2
    assert overall["top1"] == 0.5, "the query whose id is unknown counts as missed"
    # One unknown id beside a right one: the warning said the query counted as missed; it counts by the other.
    queries.write_text('- q: RPAとは何ですか？\n  expect: [tool-rpa-basics, "999"]\n', encoding="utf-8")
    done = run_bot("eval", str(queries), "--json")
    assert "ほかに正解のidがない質問は、正解できなかったものとして数えます" in done.stderr
    assert json.loads(done.stdout)["overall"]["top1"] == 1.0


def test_eval_reads_a_plain_query_set_without_styles_with_numeric_ids_and_extra_keys(tmp_path: Path) -> None:
    """As a ward would write its own: no style, an id as a number, notes beside the queries."""
    faq = tmp_path / "faq.yaml"
    faq.write_text(
        "- id: '12'\n  question: 粗大ごみの出し方を教えてください\n  answer: 電話で申し込んでください。\n"
        "- id: '13'\n  question: 住民票の写しを取りたい\n  answer: 区民課の窓口で申請できます。\n",
        encoding="utf-8",
    )
    queries = tmp_path / "queries.yaml"
    queries.write_text(
        "- q: 粗大ごみを出したい\n  expect: 12\n  note: よくある質問\n"
        "- q: 住民票がほしい\n  expect: [13, '12']\n"
        "- q: 明日の天気は？\n  expect: none\n",
        encoding="utf-8",
    )
    done = run_bot("--faq", str(faq), "--knowledge", str(tmp_path), "eval", "--json", str(queries))
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert set(figures) == {"query", "out-of-scope", "overall", "reliability"}
    assert figures["query"]["queries"] == 2
    assert figures["out-of-scope"]["queries"] == 1
    assert figures["overall"]["mrr"] > 0
    assert {"top1", "top3", "ndcg10", "wrong_of_answers"} <= set(figures["overall"])


def test_a_wrong_query_set_is_reported_by_line_before_anything_is_built(tmp_path: Path) -> None:
    queries = tmp_path / "queries.yaml"
    queries.write_text(
        "- q: RPAとは何ですか？\n  expect: tool-rpa-basics\n"
        "- q: 在庫\n- expect: none\n- q: ''\n  expect: x\n",
        encoding="utf-8",
    )
    done = run_bot("eval", str(queries))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"{queries}:3: 「expect」がありません" in done.stderr
    assert f"{queries}:4: 「q」がありません" in done.stderr
    assert f"{queries}:5: 「q」が空です" in done.stderr
    assert "評価用の質問ファイルに3件の問題があります" in done.stderr
    assert done.stdout == ""
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    broken_files = (("missing.yaml", "ファイルが見つかりません"), ("empty.yaml", "評価する質問がありません"))
    for broken, problem in broken_files:
        done = run_bot("eval", str(tmp_path / broken))
        assert done.returncode == 2
        assert problem in done.stderr
        assert f"{tmp_path / broken}:0:" not in done.stderr, "no line 0"
        assert "知識ファイル" not in done.stderr


def test_a_short_admin_token_stops_every_command_with_exit_2_and_no_traceback() -> None:
    done = run_bot(
        "serve", "--port", "1", env={"KAIZEN_CACHE_DIR": "", "KAIZEN_ADMIN_TOKEN": "x"}, timeout=60
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert (
        "設定エラー: KAIZEN_ADMIN_TOKEN は32文字以上にしてください（指定された値は1文字です）" in done.stderr
    )
    assert "secrets.token_urlsafe(32)" in done.stderr


def test_ask_compares_meanings_when_the_setting_is_on(tmp_path: Path) -> None:
    faq = tmp_path / "faq.yaml"
    faq.write_text(
        "- id: prioritize\n  question: 改善に取り組む業務の優先順位はどう決めますか？\n"
        "  answer: 効果の大きさと手間で並べます。\n"
        "- id: minutes\n  question: 会議録を早く作る方法はありますか？\n  answer: 音声認識を使います。\n",
        encoding="utf-8",
    )
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    query = "議事メモをさっと仕上げたい"  # no word of it is in the FAQ
    args = ("--faq", str(faq), "--knowledge", str(knowledge), "ask", "--json", query)
    by_words = run_bot(*args, env={"KAIZEN_CACHE_DIR": "", "KAIZEN_SEMANTIC": "false"})
    by_meaning = run_bot(*args, env={"KAIZEN_CACHE_DIR": "", "KAIZEN_SEMANTIC": "true"})
    words, meaning = json.loads(by_words.stdout), json.loads(by_meaning.stdout)
    assert words["results"] == []
    assert [r["id"] for r in meaning["results"]][:1] == ["minutes"]


def test_a_reader_that_stops_early_ends_the_output_without_a_traceback(tmp_path: Path) -> None:
    reader = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "KAIZEN_CACHE_DIR": str(tmp_path)},
    )
    assert reader.stdin is not None
    assert reader.stdout is not None
    reader.stdin.write(("RPAってなに\n" * 2000).encode())
    reader.stdin.close()
    assert json.loads(reader.stdout.readline())["query"] == "RPAってなに"
    reader.stdout.close()  # as `| head -1` does
    assert reader.stderr is not None
    err = reader.stderr.read()
    assert reader.wait(timeout=180) == 141
    assert b"Traceback" not in err
    assert b"BrokenPipeError" not in err


def test_the_chat_api_token_equal_to_the_admin_token_stops_serve_with_exit_2() -> None:
    """Else whoever was given the chat token could open the admin API with it."""
    same = "chat-and-admin-0123456789abcdefghij"
    env = {"KAIZEN_CACHE_DIR": "", "KAIZEN_ADMIN_TOKEN": same, "KAIZEN_CHAT_API_TOKEN": same}
    done = run_bot("serve", "--port", "1", env=env, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "設定エラー: KAIZEN_CHAT_API_TOKEN と KAIZEN_ADMIN_TOKEN に同じ値が設定されています" in done.stderr
    assert same not in done.stderr


def test_a_line_secret_of_the_wrong_shape_stops_serve_with_exit_2_and_no_traceback() -> None:
    token = "Xq3vJ8pL2mN9rT5wY1zA4bC7dE0fG6hK" * 5 + "abc/def+ghi="
    env = {"KAIZEN_CACHE_DIR": "", "LINE_CHANNEL_SECRET": token, "LINE_CHANNEL_ACCESS_TOKEN": token}
    done = run_bot("serve", "--port", "1", env=env, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("設定エラー: LINE_CHANNEL_SECRET はチャネルシークレット")
    assert "0〜9・a〜fの32文字）を指定してください。指定された値は172文字です。" in line
    assert "チャネルアクセストークンは LINE_CHANNEL_ACCESS_TOKEN に設定してください" in line
    assert token[:16] not in done.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("bench", "--sizes", "abc"), "エラー: --sizes: 1以上の整数を指定してください（'abc'）"),
        (("bench", "--sizes", "0"), "エラー: --sizes: 1以上の整数を指定してください（'0'）"),
        (("bench", "--queries", "0"), "エラー: --queries: 1以上の整数を指定してください"),
        (("bench", "--baseline-queries", "-1"), "エラー: --baseline-queries: 1以上の整数を指定してください"),
        (("doctor", "--limit", "-1"), "エラー: --limit: 1以上の整数を指定してください"),
        (("serve", "--port", "99999"), "エラー: --port: 1〜65535の整数を指定してください"),
        (
            ("--database", "/tmp/kaizen.db", "purge"),
            "設定エラー: DATABASE_URL は SQLite か PostgreSQL のURL（sqlite:///kaizen.db や",
        ),
        (("--database", "bogus://x", "purge"), "dbname）を指定してください（指定された値: 'bogus://x'）"),
        (("eval", "tests"), "tests: フォルダです。ファイルを指定してください"),
    ],
)
def test_a_wrong_argument_is_a_usage_error_with_exit_2_and_no_traceback(
    args: tuple[str, ...], said: str
) -> None:
    done = run_bot(*args)
    assert done.returncode == 2, done.stderr
    assert said in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_on_a_port_another_process_holds_says_so_before_building_anything() -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = run_bot("serve", "--host", "127.0.0.1", "--port", str(port))
    assert done.returncode == 2, done.stderr
    assert f"127.0.0.1:{port} で待ち受けできません（ほかのプログラムが使っています）" in done.stderr
    assert "--port か KAIZEN_PORT" in done.stderr
    assert "Traceback" not in done.stderr
    assert "database ready" not in done.stderr, "said before the database and the index"


# An empty label or one over 63 characters: Python's IDNA codec refuses the name before the resolver sees it.
@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("no.such.host.invalid", "ホスト名が見つかりません"),
        ("192.0.2.1", "このマシンのアドレスではありません"),
        ("kaizen..example.jp", "ホスト名として正しくありません"),
        ("a" * 64 + ".jp", "ホスト名として正しくありません"),
    ],
)
def test_serve_on_an_address_it_cannot_have_names_the_host_not_the_port(host: str, reason: str) -> None:
    """The reason is Japanese (it was the resolver's or the OS's English: "Name or service not known")."""
    done = run_bot("serve", "--host", host, "--port", "8080")
    assert done.returncode == 2, done.stderr
    assert f"{host}:8080 で待ち受けできません（{reason}）" in done.stderr
    assert "--host か KAIZEN_HOST" in done.stderr
    assert "--port" not in done.stderr, "the port is not at fault"
    assert "Traceback" not in done.stderr


def test_serve_with_an_empty_host_refuses_rather_than_listen_on_every_address() -> None:
    done = run_bot("serve", "--port", "8080", env={"KAIZEN_HOST": ""})
    assert done.returncode == 2, done.stderr
    assert "設定エラー: KAIZEN_HOST は待ち受けるアドレス" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_database_url_with_a_driver_not_installed_is_a_setting_error_not_a_traceback(
    tmp_path: Path,
) -> None:
    done = run_bot("--database", "postgresql+asyncpg://kaizen@127.0.0.1:1/kaizen", "purge")
    assert done.returncode == 2, done.stderr
    assert "設定エラー: DATABASE_URL はドライバー名を付けないURL" in done.stderr
    assert "Traceback" not in done.stderr


def _json_lines(stderr: str) -> list[dict[str, object]]:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines, "something was said"
    records = [json.loads(line) for line in lines]  # every line is one JSON object, or this fails
    assert all(isinstance(record, dict) for record in records)
    return records


def test_with_a_json_log_a_refusal_at_start_is_a_json_record_too(tmp_path: Path) -> None:
    json_log = {"KAIZEN_LOG_FORMAT": "json"}
    bad_setting = run_bot("serve", env=json_log | {"KAIZEN_RETENTION_DAYS": "abc"})
    assert bad_setting.returncode == 2
    [record] = _json_lines(bad_setting.stderr)
    assert record["level"] == "ERROR"
    assert str(record["message"]).startswith("設定エラー: KAIZEN_RETENTION_DAYS")

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        busy = run_bot("serve", "--host", "127.0.0.1", "--port", str(port), env=json_log)
    assert busy.returncode == 2
    assert any("で待ち受けできません" in str(r["message"]) for r in _json_lines(busy.stderr))

    faq = tmp_path / "faq.yaml"
    faq.write_text("- id: a\n  answr: x\n", encoding="utf-8")
    broken = run_bot("ask", "RPAとは", env=json_log | {"KAIZEN_FAQ": str(faq)})
    assert broken.returncode == 2
    [refused] = [r for r in _json_lines(broken.stderr) if r["level"] == "ERROR"]
    assert "知識ファイルに" in str(refused["message"])
    details = refused["details"]
    assert isinstance(details, list)
    assert any(str(faq) in detail for detail in details)

    plain = run_bot("serve", env={"KAIZEN_RETENTION_DAYS": "abc"})
    assert plain.stderr.startswith("設定エラー: KAIZEN_RETENTION_DAYS"), "text for a person at a terminal"


def test_the_help_names_the_product_as_the_readme_does_not_the_sample_wards_bot() -> None:
    """The command line serves any ward, with or without its ward.yaml: the bot's own name is the ward's."""
    done = run_bot("--help")
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stdout.split())
    assert "kaizen-bot: a consultation assistant for the staff of a ward office" in said
    readme = " ".join((Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8").split())
    assert "kaizen-bot is a consultation assistant for the staff of a Japanese ward office" in readme
    assert "業務改善相談bot" not in said


def _wait_until_the_bot_imports(pid: int) -> None:
    """Wait until the process of ``pid`` has loaded a compiled module of an installed package (Linux's maps).

    Only the bot's own imports load those, so it is past the interpreter's start, where a Ctrl+C is the
    interpreter's to handle (killed, or a traceback of its own start-up), and within `bot.__main__`'s
    imports, which take a second or more after the first of them. A fixed sleep missed that window on a
    loaded machine: the signal came before the interpreter had started.
    """
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        maps = Path(f"/proc/{pid}/maps").read_text()
        if any("-packages/" in line and ".so" in line for line in maps.splitlines()):
            return
        time.sleep(0.002)
    raise AssertionError("the bot never started its imports")


def test_ctrl_c_while_the_command_line_starts_exits_130_without_a_traceback() -> None:
    """Its imports take a second or more; a Ctrl+C then printed a traceback of the import machinery."""
    started = subprocess.Popen(
        [sys.executable, "-m", "bot", "check"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "KAIZEN_CACHE_DIR": ""},
    )
    _wait_until_the_bot_imports(started.pid)
    started.send_signal(signal.SIGINT)  # still within the imports, which take a second or more
    _, errors = started.communicate(timeout=120)
    assert started.returncode == 130
    assert "Traceback" not in errors
