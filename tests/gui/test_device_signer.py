"""The window loads the device key for live scoring in the background; edits are signed once it is there."""

from assessor_app.domain.signing import Verifier
from assessor_app.store.database import Database
from assessor_app.store.settings import DEVICE_PUBLIC_KEY, USERNAME, Settings
from assessor_app.store.sheets import SheetStore
from assessor_app.sync.device_keys import stored_key
from assessor_app.ui.main_window import MainWindow
from assessor_app.ui.tasks import TaskRunner


def open_window(qtbot, paths, settings):
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.model.modelReset, timeout=10000):
        window.open_cache()
    return window, tasks


def test_a_signed_in_desk_scores_with_its_device_key_once_loaded(qtbot, paths, assignment, credential):
    settings = Settings(paths.settings)
    settings.set(USERNAME, "ana")  # signed in (by a version before device keys: no key yet)
    window, tasks = open_window(qtbot, paths, settings)
    qtbot.waitUntil(lambda: window.author().signer is not None, timeout=10000)
    author = window.author()
    assert author.device_id == settings.device_id()
    assert author.signer.public_key == settings.get(DEVICE_PUBLIC_KEY) == stored_key(author.device_id).public_key
    db = Database.open(paths.database, paths.backups)
    try:
        store = SheetStore(db, author)
        sheet = store.open(assignment.id)
        event = store.record(sheet, sheet.propose_level(credential, "context", "context-2")).event
        assert Verifier(author.signer.public_key).verifies_event(event.hash, event.signature)
    finally:
        db.close()
        window.close()
        assert tasks.wait_idle()


def test_before_the_first_sign_in_there_is_no_key_and_edits_are_recorded_unsigned(qtbot, paths):
    settings = Settings(paths.settings)
    window, tasks = open_window(qtbot, paths, settings)
    assert tasks.wait_idle()
    assert window.author().signer is None and stored_key(settings.device_id()) is None
    window.close()
