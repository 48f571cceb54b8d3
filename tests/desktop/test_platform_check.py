"""The GUI refuses to start with a clear message where Qt would abort."""

from desktop.cli import main as kelisim
from desktop.platform_check import display_problem


def test_display_problem__no_display_on_linux__explains_and_names_headless_verbs():
    message = display_problem({}, "linux")
    assert message is not None and "DISPLAY" in message and "kelisim --help" in message


def test_display_problem__offscreen_platform_or_other_system__none():
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "win32") is None


def test_gui_verb__without_display__exits_1_with_message(monkeypatch, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert kelisim(["gui"]) == 1
    assert "no graphical display" in capsys.readouterr().err
