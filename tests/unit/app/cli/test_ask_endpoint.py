"""`thinkdesk ask --endpoint`: usage errors before anything is opened."""

import pytest

from app.cli import main


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--endpoint", "127.0.0.1:8000"], "--endpoint must be a URL starting with http://"),
        (["--endpoint", "http://h:1", "--model", "m.gguf"], "--model and --endpoint"),
    ],
)
def test_bad_endpoint_options_are_usage_errors(argv, message, capsys, tmp_path):
    code = main(["--home", str(tmp_path / "h"), "ask", "q", *argv])
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.count("\n") == 1
    assert not (tmp_path / "h").exists()
