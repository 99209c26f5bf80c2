"""Lead mode's page: the agreement dashboard and the adjudication queue as two tabs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from assessor_app.sync.client import IssuerClient
from assessor_app.sync.lead_client import LeadClient
from assessor_app.ui.lead.adjudication import AdjudicationView
from assessor_app.ui.lead.dashboard import DashboardView
from assessor_app.ui.pdf.mupdf_renderer import PageRenderer
from assessor_app.ui.tasks import TaskRunner


class LeadView(QWidget):
    backRequested = Signal()

    def __init__(self, tasks: TaskRunner, client: Callable[[], IssuerClient], renderer: PageRenderer,
                 can_go_back: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)

        def lead() -> LeadClient:
            return LeadClient(client())

        self.dashboard = DashboardView(tasks, lead)
        self.adjudication = AdjudicationView(tasks, lead, renderer)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.dashboard, "&Agreement")
        self.tabs.addTab(self.adjudication, "A&djudication")
        self.tabs.currentChanged.connect(self._tab_changed)
        top = QHBoxLayout()
        top.addWidget(QLabel("<b>Lead mode</b>"))
        top.addStretch(1)
        if can_go_back:
            back = QPushButton("Back to my queue")
            back.clicked.connect(self.backRequested)
            top.addWidget(back)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._loaded = False

    def start(self) -> None:
        """Load the credentials and the adjudication queue once, when the page is first shown."""
        if not self._loaded:
            self._loaded = True
            self.dashboard.load_credentials()
            self.adjudication.load_queue()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.adjudication:
            self.adjudication.load_queue()
