"""The keyboard shortcut sheet (? or F1): every key the app answers to, grouped by where the focus has to be.

Assessors score for hours and many never touch the mouse; the shortcuts are spread over the queue, the
criterion cards, the video, PDF and image panes, each active only while the focus is inside its pane. This
sheet is the one place that lists them all. It is built from one table (``GROUPS``) so it reads as a single
document, and ``tests/gui/test_shortcut_sheet.py`` checks the table against the shortcuts the real window and
rubric pane register, so it cannot quietly drift from the code.

The list is an item model (groups, each with its shortcuts) behind a filter, shown in a tree view: arrow keys
move through it, a screen reader reads "keys: action" for each row, typing in the filter narrows it, Esc closes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex
Std = QKeySequence.StandardKey


@dataclass(frozen=True)
class Label:
    """Keys that are not one key sequence (a range of digits, the mouse wheel): shown as written."""

    text: str


Key = str | Std | Label  # str: a sequence in portable text ("Ctrl+E"), shown in the platform's own spelling


@dataclass(frozen=True)
class Shortcut:
    keys: tuple[Key, ...]  # alternatives, any of which works; with ``pair``, one key per half of the action
    action: str
    where: str = ""  # when the keys need the focus somewhere narrower than the group says
    pair: bool = False  # "Left / Right: back / forward", rather than "Ctrl+Y or Ctrl+Shift+Z: redo"


@dataclass(frozen=True)
class Group:
    title: str
    focus: str  # where the keys work
    shortcuts: tuple[Shortcut, ...]


GROUPS: tuple[Group, ...] = (
    Group("Queue & navigation", "anywhere in the window", (
        Shortcut(("?", "F1"), "Show this list of keyboard shortcuts"),
        Shortcut((Label("↑ / ↓"),), "Move through the queue", "in the queue"),
        Shortcut((Label("Enter"),), "Open the selected assignment", "in the queue"),
        Shortcut(("Alt+Right",), "Next assignment, without going back to the queue", "while scoring"),
        Shortcut(("Alt+Left",), "Previous assignment", "while scoring"),
        Shortcut(("Alt+Up",), "Back to the queue", "while scoring"),
        Shortcut(("Ctrl+Shift+S",), "Sync now"),
        Shortcut((Std.Refresh,), "Refresh the queue"),
        Shortcut((Std.Quit,), "Quit (every edit is already saved)"),
        Shortcut((Label("Tab / Shift+Tab"),), "Move between controls"),
    )),
    Group("Scoring / rubric pane", "on a criterion card, or anywhere in the rubric pane", (
        Shortcut((Label("1 … 9"),), "Choose that level for the criterion (1 is the lowest)", "on a criterion card"),
        Shortcut((Label("Backspace"), Label("Delete")), "Clear the criterion's level", "on a criterion card"),
        Shortcut((Label("↑ / ↓"),), "Previous / next criterion", "on a criterion card"),
        Shortcut(("Ctrl+Up", "Ctrl+Down"), "Previous / next criterion, from anywhere in the pane", pair=True),
        Shortcut((Label("Enter"),), "Write feedback on the criterion", "on a criterion card"),
        Shortcut((Label("Esc"),), "Back to the criterion card, text saved", "in a feedback box"),
        Shortcut(("Ctrl+E",), "Cite the evidence on screen (video moment or range, PDF page or quote)"),
        Shortcut(("Ctrl+B",), "Comment bank: type to filter, Enter inserts a snippet, Esc closes"),
        Shortcut(("Ctrl+Shift+B",), "Add the selected feedback text to your comment bank"),
        Shortcut((Label("Enter"), Label("Delete")), "Follow the citation to the evidence / remove it",
                 "on a citation chip", pair=True),
        Shortcut(("Ctrl+Z",), "Undo (levels and text share one history)"),
        Shortcut(("Ctrl+Shift+Z", "Ctrl+Y"), "Redo"),
        Shortcut(("Ctrl+Return", "Ctrl+Enter"), "Submit the score sheet (asks to confirm)"),
    )),
    Group("Video", "with the focus in the video pane", (
        Shortcut(("Space",), "Play / pause"),
        Shortcut(("K",), "Pause"),
        Shortcut(("L",), "Play; press again to speed up (1x, 1.5x, 2x)"),
        Shortcut(("J",), "Back 5 s (libvlc cannot play in reverse)"),
        Shortcut(("Left", "Right"), "Back / forward 5 s", pair=True),
        Shortcut((".",), "Step one frame forward"),
        Shortcut(("I", "O"), "Mark the In / Out point of a loop or citation range", pair=True),
        Shortcut(("M",), "Mute / unmute"),
    )),
    Group("PDF", "with the focus in the PDF pane", (
        Shortcut(("PgDown", "PgUp"), "Next / previous page", pair=True),
        Shortcut(("Home", "End"), "First / last page", pair=True),
        Shortcut((Std.Find,), "Find in the document"),
        Shortcut((Label("Enter"), Label("Shift+Enter")), "Next / previous match", "in the find bar", pair=True),
        Shortcut((Label("Esc"),), "Close the find bar, or clear the selected quote"),
        Shortcut(("Ctrl+=", "Ctrl++"), "Zoom in"),
        Shortcut(("Ctrl+-",), "Zoom out"),
        Shortcut(("W",), "Fit the page width"),
        Shortcut(("P",), "Fit the whole page"),
        Shortcut(("R",), "Rotate the view 90° clockwise"),
        Shortcut((Std.SelectAll,), "Select the page's text as the quote to cite", "on the page"),
    )),
    Group("Images", "with the focus in the image pane", (
        Shortcut(("Ctrl+=", "Ctrl++"), "Zoom in (or the mouse wheel)"),
        Shortcut(("Ctrl+-",), "Zoom out"),
        Shortcut(("Ctrl+0",), "Fit the image to the pane"),
        Shortcut(("Ctrl+1",), "Actual size, pixel for pixel"),
    )),
)


def key_sequence(key: Key) -> QKeySequence | None:
    """The sequence a key stands for (None for a ``Label``); needs a QGuiApplication for standard keys."""
    if isinstance(key, Label):
        return None
    return QKeySequence(key)


def key_text(key: Key) -> str:
    """How the key is written on this platform (``Ctrl+E``; ``⌘E`` on macOS)."""
    if isinstance(key, Label):
        return key.text
    if QGuiApplication.instance() is None:  # Qt would crash resolving a standard key without one
        raise RuntimeError("Key names need a running QGuiApplication.")
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def keys_text(shortcut: Shortcut) -> str:
    return (" / " if shortcut.pair else " or ").join(text for text in (key_text(k) for k in shortcut.keys) if text)


def on_this_platform(groups: tuple[Group, ...]) -> tuple[Group, ...]:
    """The table without keys this platform does not bind (a standard key such as Quit may have none)."""
    kept = []
    for group in groups:
        shortcuts = tuple(Shortcut(keys, s.action, s.where, s.pair) for s in group.shortcuts
                          if (keys := tuple(k for k in s.keys if key_text(k))))
        kept.append(Group(group.title, group.focus, shortcuts))
    return tuple(kept)


def all_sequences() -> Iterator[tuple[Group, QKeySequence]]:
    """Every real key sequence in the table, with its group (for checks against the app's own shortcuts)."""
    for group in GROUPS:
        for shortcut in group.shortcuts:
            for key in shortcut.keys:
                sequence = key_sequence(key)
                if sequence is not None and not sequence.isEmpty():
                    yield group, sequence


COL_KEYS, COL_ACTION = 0, 1
SHORTCUT_ROLE = Qt.ItemDataRole.UserRole + 1
NO_PARENT = 0xFFFFFFFF  # internal id of a group row (its shortcuts carry their group's row instead)


class ShortcutModel(QAbstractItemModel):
    """Two levels over ``GROUPS``: a row per group, under it a row per shortcut; columns keys and action."""

    def __init__(self, groups: tuple[Group, ...] = GROUPS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups = on_this_platform(groups)
        self._key_font = QFont()
        self._key_font.setBold(True)
        self._group_font = QFont()
        self._group_font.setBold(True)
        self._group_font.setPointSizeF(self._group_font.pointSizeF() * 1.15)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, NO_PARENT)
        return self.createIndex(row, column, parent.row())

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == NO_PARENT:
            return QModelIndex()
        return self.createIndex(child.internalId(), 0, NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == NO_PARENT and parent.column() == 0:
            return len(self.groups[parent.row()].shortcuts)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Keys", "Action")[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == NO_PARENT:
            group = self.groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return group.title if index.column() == COL_KEYS else f"keys that work {group.focus}"
            if role == Qt.ItemDataRole.FontRole:
                return self._group_font if index.column() == COL_KEYS else None
            if role == Qt.ItemDataRole.TextAlignmentRole:  # with the taller row: space above each heading
                return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
            if role == Qt.ItemDataRole.SizeHintRole and index.column() == COL_KEYS:
                return QSize(-1, int(QFontMetrics(self._group_font).height() * 2.1))
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{group.title}: keys that work {group.focus}"
            return None
        shortcut = self.groups[index.internalId()].shortcuts[index.row()]
        action = shortcut.action + (f" ({shortcut.where})" if shortcut.where else "")
        if role == Qt.ItemDataRole.DisplayRole:
            return keys_text(shortcut) if index.column() == COL_KEYS else action
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{keys_text(shortcut)}: {action}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{keys_text(shortcut)}: {action}"
        if role == Qt.ItemDataRole.FontRole and index.column() == COL_KEYS:
            return self._key_font
        if role == SHORTCUT_ROLE:
            return shortcut
        return None


class ShortcutSheet(QDialog):
    """The dialog: a filter field over the grouped list, and Close. Non-modal, so it can stay open beside work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        intro = QLabel("Keys work where the focus is: the queue, a criterion card, the video, PDF or image pane. "
                       "Every edit is saved as you make it; there is no Save.")
        intro.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type to filter, e.g. “zoom” or “Ctrl+E”; ↓ goes to the list")
        self.filter.setAccessibleName("Filter shortcuts")
        self.filter.setClearButtonEnabled(True)
        self.model = ShortcutModel(parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)  # a matching shortcut keeps its group heading
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Keyboard shortcuts by where they work")
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)  # always fully open: it is a reference sheet, not a tree to explore
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(COL_KEYS, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        font = self.view.font()
        font.setPointSizeF(font.pointSizeF() * 1.08)
        self.view.setFont(font)
        self.filter.textChanged.connect(self._filter)
        self.filter.installEventFilter(self)
        self._show_all_rows()
        self.view.setStyleSheet("QTreeView::item { padding: 2px 8px 2px 2px; }")
        self.resize(820, 720)
        self.filter.setFocus(Qt.FocusReason.OtherFocusReason)

    def rows(self) -> list[tuple[str, str]]:
        """(keys, action) of every row as shown, group headings included (their keys column holds the title)."""
        shown = []
        for group_row in range(self.proxy.rowCount()):
            group = self.proxy.index(group_row, 0)
            shown.append((group.data(), self.proxy.index(group_row, 1).data()))
            for row in range(self.proxy.rowCount(group)):
                shown.append((self.proxy.index(row, COL_KEYS, group).data(),
                              self.proxy.index(row, COL_ACTION, group).data()))
        return shown

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._show_all_rows()

    def _show_all_rows(self) -> None:
        self.view.expandAll()
        for row in range(self.proxy.rowCount()):
            self.view.setFirstColumnSpanned(row, QModelIndex(), True)  # group headings across both columns

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.filter and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)):
            current = self.view.currentIndex()
            if not current.isValid() or not current.parent().isValid():  # land on a shortcut, not a heading
                group = current.siblingAtColumn(0) if current.isValid() else self.proxy.index(0, 0)
                if self.proxy.rowCount(group):
                    self.view.setCurrentIndex(self.proxy.index(0, 0, group))
            self.view.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)


def show_shortcut_sheet(parent: QWidget) -> ShortcutSheet:
    """Open the sheet beside the work (not modal), or bring the open one forward; the main window calls this."""
    existing = parent.findChild(ShortcutSheet)
    if existing is not None:
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    sheet = ShortcutSheet(parent)
    sheet.show()
    return sheet
