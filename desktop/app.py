"""``kelisim gui``: start the desktop application.

Opens the platform's user-data database (or ``--db``), registers the bundled questionnaire
in it when missing, asks for the drafts passphrase when unfinished interviews are encrypted
(a sealed study), shows the main window at a size that fits the screen, asks for the
interviewer's name on first start, and offers to resume an interview interrupted by a crash.
Demo data is never written here: it lives in its own database (File → Try with demo data).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from survey.bundled import ensure_bundled_form
from survey.i18n import LANGUAGES
from survey.store import Store, default_database_path
from survey.store.postgres.connection import Address, is_server_url, use_for_session


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``gui`` verb."""
    parser.add_argument("--db", default=None,
                        help="database file to open or create (default: the user-data "
                             "database); a postgresql:// server address opens the Connect "
                             "dialog for it")
    parser.add_argument("--form", type=Path, default=None,
                        help="XLSForm questionnaire to register at start-up")
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="interface language (remembered)")


def run(args: argparse.Namespace) -> int:
    """Start the application; returns its exit code."""
    from desktop.platform_check import display_problem

    problem = display_problem()
    if problem is not None:
        print(f"kelisim: {problem}", file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop import i18n
    from desktop.drafts_dialog import ask_drafts_passphrase
    from desktop.fonts import install_fonts
    from desktop.main_window import MainWindow
    from desktop.qt_translations import install_qt_translations
    from desktop.settings import APPLICATION, ORGANISATION, AppSettings
    from desktop.style import readable_palette
    from desktop.window_geometry import show_fitted
    from desktop.workers import wait_for_jobs
    from survey.errors import SurveyError

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    # The system's location service (GeoClue) asks which application wants the position.
    app.setDesktopFileName("kelisim")  # type: ignore[attr-defined]
    install_fonts(app)  # type: ignore[arg-type]
    app.setPalette(readable_palette(app.palette()))  # type: ignore[attr-defined]
    settings = AppSettings()
    if args.lang:
        settings.interface_language = args.lang
    i18n.set_language(settings.interface_language or i18n.language())
    install_qt_translations(i18n.language())
    server_url = args.db if is_server_url(args.db) else None
    path = Path(args.db) if args.db and server_url is None else default_database_path()
    try:
        if server_url is not None:  # remembered without its password, used for this run
            address = Address.parse(server_url)
            settings.server_url = address.location
            use_for_session(address, address.url_password)
        store = Store.open(path)
        ensure_bundled_form(store)
    except SurveyError as error:
        QMessageBox.critical(None, "Kelisim", i18n.error_text(error))
        return 1
    ask_drafts_passphrase(store)  # unfinished interviews of sealed studies are encrypted
    window = MainWindow(store, settings)
    show_fitted(window)
    if server_url is not None:
        window.ask_connect()
    elif args.form:
        window.import_form(args.form)  # problems are listed in a dialog, as from the menu
    elif not settings.interviewer:
        window.ask_interviewer()
    else:
        window.offer_resume()
    code = app.exec()
    wait_for_jobs()  # a job still running (an export) ends before its objects are freed
    store.close()
    return int(code)
