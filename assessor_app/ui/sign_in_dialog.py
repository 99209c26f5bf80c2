"""Sign-in: issuer address, user name, password. The password is sent once and never stored."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from assessor_app.ui.tasks import TaskRunner


class SignInDialog(QDialog):
    def __init__(self, tasks: TaskRunner, attempt: Callable[[str, str, str], object], server: str = "",
                 user: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sign in to your issuer")
        self._tasks = tasks
        self._attempt = attempt
        self.result_value: object = None
        self.server = QLineEdit(server)
        self.server.setPlaceholderText("https://issuer.example.org")
        self.server.setAccessibleName("Issuer address")
        self.user = QLineEdit(user)
        self.user.setAccessibleName("User name")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Sign-in message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow("&Issuer address:", self.server)
        form.addRow("&User name:", self.user)
        form.addRow("&Password:", self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign in")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Your password goes to the issuer only; the app keeps its sign-in in your "
                                "system keyring."))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if server and user else self.server).setFocus()

    def _submit(self) -> None:
        server, user, password = self.server.text(), self.user.text(), self.password.text()
        if not (server.strip() and user.strip() and password):
            self.message.setText("Fill in the issuer address, your user name and your password.")
            return
        self.buttons.setEnabled(False)
        self.message.setText("Signing in…")
        self._tasks.query(lambda: self._attempt(server, user, password), self._done, self._failed)

    def _done(self, value: object) -> None:
        self.result_value = value
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.setText(str(exc))
