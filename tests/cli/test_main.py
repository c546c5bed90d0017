"""What the command does once it is over: its exit stands, whatever Ctrl-C does next."""

from __future__ import annotations

import signal
import sys

import pytest

from align.cli import main


@pytest.mark.parametrize("args", [["--help"], ["run", "/no/such/corpus"]])
def test_a_finished_command_ignores_ctrl_c_while_python_winds_down(monkeypatch, args):
    # after the last line, worker pools and their threads still close; a Ctrl-C then
    # would turn a finished run (exit 0, or an error's 2) into a death by signal
    monkeypatch.setattr(sys, "argv", ["align", *args])
    before = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as exit_:
            main()
        assert exit_.value.code == (0 if args == ["--help"] else 2)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)
