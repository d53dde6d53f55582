"""The stall meter finds a slot that keeps the event loop busy and names what ran then."""

import time

from PySide6.QtCore import QTimer

from app.gui.stall_meter import StallMeter


def test_a_busy_slot_is_the_longest_gap_with_its_label(qtbot):
    meter = StallMeter()
    meter.mark("idle")

    def busy() -> None:
        meter.mark("busy slot")
        time.sleep(0.15)  # holds the UI thread, as a slow slot would

    meter.start()
    QTimer.singleShot(50, busy)
    qtbot.wait(300)
    meter.stop()
    longest = meter.largest(1)[0]
    assert longest.seconds >= 0.15 and meter.max_ms() == longest.seconds * 1000
    assert longest.after == "busy slot"
    assert meter.percentile_ms(0.5) < 150 <= meter.max_ms()
    assert len(meter.gaps) > 3 and meter.seconds >= 0.25  # Qt may end its wait a little early
    summary = meter.summary()
    assert summary.startswith(f"{len(meter.gaps)} ticks") and "(idle → busy slot)" in summary
