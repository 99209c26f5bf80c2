"""The dashboard's plots, drawn with QPainter (PySide6-Essentials has no QtCharts): agreement with its interval
per criterion against the thresholds, a confusion-matrix heat map, each assessor's severity/leniency, and drift.
Colours come from the palette so the plots read on light and dark themes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from assessor_app.domain.agreement import ConfusionMatrix
from assessor_app.domain.calibration import DriftPoint, Severity
from assessor_app.domain.lead_dashboard import Figure
from assessor_app.ui.rubric.style import blend

ACCENT = QColor(45, 110, 190)
GOOD, FAIR, POOR = QColor(40, 140, 80), QColor(200, 140, 30), QColor(190, 60, 50)
SERIES = (QColor(45, 110, 190), QColor(200, 100, 40), QColor(60, 150, 90), QColor(150, 70, 160),
          QColor(180, 60, 80), QColor(90, 90, 90))
ON_TARGET = 0.15


class Plot(QWidget):
    """A titled plot area; subclasses draw into ``self.area`` (the rectangle inside the margins)."""

    left_margin = 150

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setAccessibleName(title)
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 230)

    def colour(self, role: QPalette.ColorRole) -> QColor:
        return self.palette().color(role)

    def faint(self, amount: float = 0.18) -> QColor:
        return blend(self.colour(QPalette.ColorRole.Text), self.colour(QPalette.ColorRole.Base), amount)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.colour(QPalette.ColorRole.Base))
        painter.setPen(self.faint(0.25))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(self.colour(QPalette.ColorRole.Text))
        painter.drawText(QRectF(10, 6, self.width() - 20, 20), Qt.AlignmentFlag.AlignLeft, self.title)
        painter.setFont(self.font())
        area = QRectF(self.left_margin, 34, self.width() - self.left_margin - 18, self.height() - 62)
        if area.width() > 20 and area.height() > 20:
            self.draw(painter, area)
        painter.end()

    def draw(self, painter: QPainter, area: QRectF) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def empty(self, painter: QPainter, area: QRectF, text: str) -> None:
        painter.setPen(self.faint(0.55))
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)

    def label_left(self, painter: QPainter, y: float, text: str) -> None:
        painter.setPen(self.colour(QPalette.ColorRole.Text))
        metrics = painter.fontMetrics()
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, self.left_margin - 16)
        painter.drawText(QRectF(8, y - 10, self.left_margin - 14, 20),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)

    def x_axis(self, painter: QPainter, area: QRectF, lo: float, hi: float, ticks: Sequence[float], fmt) -> None:
        painter.setPen(self.faint(0.5))
        for tick in ticks:
            x = area.left() + (tick - lo) / (hi - lo) * area.width()
            painter.drawText(QRectF(x - 30, area.bottom() + 4, 60, 16), Qt.AlignmentFlag.AlignCenter, fmt(tick))


@dataclass(frozen=True)
class Row:
    name: str
    figure: Figure | None


class IntervalPlot(Plot):
    """One row per scope (the rubric, then each criterion): the estimate as a dot, the 95% interval as a bar,
    and the statistic's acceptable/strong thresholds as dashed lines."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.rows: list[Row] = []
        self.thresholds: tuple[float, float] | None = None

    def set_rows(self, rows: Sequence[Row], thresholds: tuple[float, float] | None) -> None:
        self.rows, self.thresholds = list(rows), thresholds
        self.setMinimumHeight(70 + 26 * max(1, len(self.rows)))
        self.update()

    def draw(self, painter: QPainter, area: QRectF) -> None:
        defined = [r.figure for r in self.rows if r.figure is not None and r.figure.estimate is not None]
        if not defined:
            self.empty(painter, area, "No double-scored reads yet.")
            return
        lo = min([0.0] + [f.lower if f.lower is not None else f.estimate for f in defined])  # type: ignore[misc]
        lo = -1.0 if lo < -0.5 else (-0.5 if lo < 0 else 0.0)
        share = defined[0].is_share

        def x(value: float) -> float:
            return area.left() + (value - lo) / (1.0 - lo) * area.width()

        ticks = [t / 4 for t in range(int(lo * 4), 5)]
        painter.setPen(QPen(self.faint(0.1), 1))
        for t in ticks:
            painter.drawLine(QPointF(x(t), area.top()), QPointF(x(t), area.bottom()))
        if self.thresholds:
            for value, colour in zip(self.thresholds, (GOOD, FAIR), strict=True):
                painter.setPen(QPen(colour, 1.4, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(x(value), area.top()), QPointF(x(value), area.bottom()))
        step = area.height() / max(1, len(self.rows))
        for i, row in enumerate(self.rows):
            y = area.top() + step * (i + 0.5)
            self.label_left(painter, y, row.name)
            figure = row.figure
            if figure is None or figure.estimate is None:
                painter.setPen(self.faint(0.5))
                painter.drawText(QRectF(area.left() + 4, y - 9, area.width(), 18),
                                 Qt.AlignmentFlag.AlignVCenter, "not computable")
                continue
            colour = self._tone(figure)
            if figure.lower is not None and figure.upper is not None:
                painter.setPen(QPen(colour, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
                painter.drawLine(QPointF(x(figure.lower), y), QPointF(x(figure.upper), y))
            painter.setPen(QPen(self.colour(QPalette.ColorRole.Base), 1.5))
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(x(figure.estimate), y), 6 if i == 0 else 5, 6 if i == 0 else 5)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        self.x_axis(painter, area, lo, 1.0, ticks, (lambda v: f"{v:.0%}") if share else (lambda v: f"{v:.2f}"))

    def _tone(self, figure: Figure) -> QColor:
        if not self.thresholds or figure.estimate is None:
            return ACCENT
        strong, acceptable = self.thresholds
        value = figure.lower if figure.lower is not None else figure.estimate
        return GOOD if value >= strong else FAIR if figure.estimate >= acceptable else POOR


class HeatMap(Plot):
    """A confusion matrix: counts in cells shaded by their share of the row, the diagonal (agreement) outlined."""

    left_margin = 110

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.matrix: ConfusionMatrix | None = None
        self.setMinimumHeight(230)

    def set_matrix(self, matrix: ConfusionMatrix | None, title: str | None = None) -> None:
        self.matrix = matrix
        if title:
            self.title = title
        self.update()

    def draw(self, painter: QPainter, area: QRectF) -> None:
        matrix = self.matrix
        if matrix is None or matrix.n_units == 0:
            self.empty(painter, area, "No pairs of scores to cross-tabulate yet.")
            return
        q = len(matrix.categories)
        area = QRectF(area.left(), area.top(), area.width(), area.height() - 14)
        side = min(area.width() / q, area.height() / q)
        left = area.left() + (area.width() - side * q) / 2
        rows = matrix.row_totals()
        base = self.colour(QPalette.ColorRole.Base)
        text = self.colour(QPalette.ColorRole.Text)
        for r in range(q):
            self.label_left(painter, area.top() + side * (r + 0.5), matrix.categories[r])
            for c in range(q):
                count = int(matrix.counts[r, c])
                share = count / rows[r] if rows[r] else 0.0
                cell = QRectF(left + c * side, area.top() + r * side, side - 2, side - 2)
                painter.fillRect(cell, blend(ACCENT, base, 0.08 + 0.85 * share))
                if r == c:
                    painter.setPen(QPen(GOOD, 2))
                    painter.drawRect(cell.adjusted(1, 1, -1, -1))
                painter.setPen(base if share > 0.55 else text)
                painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, str(count))
        painter.setPen(self.faint(0.6))
        metrics = painter.fontMetrics()
        for c in range(q):
            label = metrics.elidedText(matrix.categories[c], Qt.TextElideMode.ElideRight, int(side) - 4)
            painter.drawText(QRectF(left + c * side, area.top() + q * side + 2, side, 16),
                             Qt.AlignmentFlag.AlignCenter, label)
        painter.drawText(QRectF(left, area.top() + q * side + 16, side * q, 16), Qt.AlignmentFlag.AlignCenter,
                         f"columns: {matrix.column_rater}")
        painter.save()
        painter.translate(12, area.top() + side * q / 2)
        painter.rotate(-90)
        painter.drawText(QRectF(-80, -10, 160, 20), Qt.AlignmentFlag.AlignCenter, f"rows: {matrix.row_rater}")
        painter.restore()


class SeverityPlot(Plot):
    """Each assessor's mean signed difference in levels (dot) and mean absolute difference (faint bar either side),
    against master scores (filled) and co-raters (hollow); the shaded band is "on target" (±0.15)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.master: list[Severity] = []
        self.co_raters: list[Severity] = []

    def set_data(self, master: Sequence[Severity], co_raters: Sequence[Severity]) -> None:
        self.master, self.co_raters = list(master), list(co_raters)
        self.setMinimumHeight(80 + 30 * max(1, len(self.names())))
        self.update()

    def names(self) -> list[str]:
        return sorted({s.assessor for s in (*self.master, *self.co_raters)})

    def draw(self, painter: QPainter, area: QRectF) -> None:
        names = self.names()
        if not names:
            self.empty(painter, area, "No assessor has scores to compare yet.")
            return
        span = max([1.0] + [abs(s.mean_signed or 0) + 0.25 for s in (*self.master, *self.co_raters)])

        def x(value: float) -> float:
            return area.center().x() + value / span * area.width() / 2

        painter.fillRect(QRectF(x(-ON_TARGET), area.top(), x(ON_TARGET) - x(-ON_TARGET), area.height()),
                         blend(GOOD, self.colour(QPalette.ColorRole.Base), 0.12))
        painter.setPen(QPen(self.faint(0.4), 1))
        painter.drawLine(QPointF(x(0), area.top()), QPointF(x(0), area.bottom()))
        painter.setPen(self.faint(0.6))
        painter.drawText(QRectF(area.left(), area.top() - 16, area.width() / 2, 14), Qt.AlignmentFlag.AlignLeft,
                         "← severe")
        painter.drawText(QRectF(area.center().x(), area.top() - 16, area.width() / 2, 14),
                         Qt.AlignmentFlag.AlignRight, "lenient →")
        step = area.height() / len(names)
        for i, name in enumerate(names):
            y = area.top() + step * (i + 0.5)
            self.label_left(painter, y, name)
            for series, offset, filled in ((self.master, -5, True), (self.co_raters, 5, False)):
                item = next((s for s in series if s.assessor == name), None)
                if item is None or item.mean_signed is None:
                    continue
                colour = GOOD if abs(item.mean_signed) < ON_TARGET else (FAIR if abs(item.mean_signed) < 0.5
                                                                         else POOR)
                spread = item.mean_absolute or 0.0
                painter.setPen(QPen(blend(colour, self.colour(QPalette.ColorRole.Base), 0.35), 3))
                painter.drawLine(QPointF(x(item.mean_signed - spread), y + offset),
                                 QPointF(x(item.mean_signed + spread), y + offset))
                painter.setPen(QPen(colour, 2))
                painter.setBrush(colour if filled else self.colour(QPalette.ColorRole.Base))
                painter.drawEllipse(QPointF(x(item.mean_signed), y + offset), 5, 5)
                painter.setBrush(Qt.BrushStyle.NoBrush)
        ticks = [t / 2 for t in range(-int(span * 2), int(span * 2) + 1)]
        self.x_axis(painter, area, -span, span, ticks, lambda v: f"{v:+.1f}" if v else "0")
        painter.setPen(self.faint(0.6))
        painter.drawText(QRectF(10, self.height() - 20, self.width() - 20, 16), Qt.AlignmentFlag.AlignLeft,
                         "● against master scores   ○ against co-raters   bar: ± mean absolute difference (levels)")


class DriftPlot(Plot):
    """Mean signed difference from the master scores per week, one line per assessor."""

    left_margin = 60

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.points: list[DriftPoint] = []

    def set_points(self, points: Sequence[DriftPoint]) -> None:
        self.points = list(points)
        self.update()

    def draw(self, painter: QPainter, area: QRectF) -> None:
        points = [p for p in self.points if p.severity.mean_signed is not None]
        periods = sorted({p.period for p in points})
        if not points:
            self.empty(painter, area, "No scores against master scores over time yet.")
            return
        area = QRectF(area.left(), area.top(), area.width() - 90, area.height())
        span = max([1.0] + [abs(p.severity.mean_signed or 0) + 0.25 for p in points])

        def y(value: float) -> float:
            return area.center().y() - value / span * area.height() / 2

        def x(period: str) -> float:
            i = periods.index(period)
            return area.center().x() if len(periods) == 1 else area.left() + i / (len(periods) - 1) * area.width()

        painter.fillRect(QRectF(area.left(), y(ON_TARGET), area.width(), y(-ON_TARGET) - y(ON_TARGET)),
                         blend(GOOD, self.colour(QPalette.ColorRole.Base), 0.12))
        painter.setPen(self.faint(0.5))
        for value in (-span, 0.0, span):
            painter.drawText(QRectF(4, y(value) - 8, self.left_margin - 10, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{value:+.1f}" if value else "0")
        for period in periods:
            painter.drawText(QRectF(x(period) - 40, area.bottom() + 4, 80, 16), Qt.AlignmentFlag.AlignCenter,
                             period)
        for n, name in enumerate(sorted({p.assessor for p in points})):
            colour = SERIES[n % len(SERIES)]
            mine = [p for p in points if p.assessor == name]
            path = QPainterPath()
            for i, p in enumerate(mine):
                point = QPointF(x(p.period), y(p.severity.mean_signed or 0.0))
                path.moveTo(point) if i == 0 else path.lineTo(point)
            painter.setPen(QPen(colour, 2))
            painter.drawPath(path)
            painter.setBrush(colour)
            for p in mine:
                painter.drawEllipse(QPointF(x(p.period), y(p.severity.mean_signed or 0.0)), 4, 4)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawText(QRectF(area.right() + 10, area.top() + 18 * n, 80, 16), Qt.AlignmentFlag.AlignLeft,
                             name)
