"""Players prepared in the background for the videos the assessor is likely to open next.

Switching to the next submission should show its video at once, but libvlc needs ~85 ms to parse a file and
decode its first frame. So the scoring view names the neighbours' first videos ahead of time and each gets a
``VlcPlayer`` that opens the file exactly as the pane would: muted, resting paused on the first decoded frame.
When the pane later loads that file it takes the prepared player over instead of starting again, so the
picture it shows is the file's real first frame, decoded by the same code. A player the pane lets go of while it
still rests untouched on its first frame is kept the same way (going back to it is instant). Players no longer
wanted are closed (their stop runs off the GUI thread when the pane has a worker) and kept as spare shells.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from assessor_app.ui.video.vlc_backend import VlcPlayer
from assessor_app.ui.video.vlc_media import VideoUnavailable


class StandbyPlayers:
    def __init__(self, make_player: Callable[[], VlcPlayer]) -> None:
        self._make_player = make_player
        self._prepared: dict[Path, VlcPlayer] = {}
        self._spares: list[VlcPlayer] = []

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(self._prepared)

    def prepare(self, paths: Iterable[Path]) -> None:
        """Keep exactly these files prepared: open the new ones, close the ones no longer wanted."""
        wanted = list(dict.fromkeys(paths))
        for path in [p for p in self._prepared if p not in wanted]:
            self.give_back(self._prepared.pop(path))
        for path in wanted:
            if path in self._prepared:
                continue
            try:
                player = self.shell()
            except VideoUnavailable:
                return  # the pane says so when the assessor opens the video
            player.open(path)
            self._prepared[path] = player

    def keep(self, path: Path, player: VlcPlayer) -> None:
        """Hold on to a player resting untouched on the first frame of ``path``, as if prepared for it."""
        if path in self._prepared:
            self.give_back(player)
        else:
            self._prepared[path] = player

    def shell(self) -> VlcPlayer:
        """A player with nothing open: a spare one, else a new one (``VideoUnavailable`` without libvlc)."""
        return self._spares.pop() if self._spares else self._make_player()

    def take(self, path: Path) -> VlcPlayer | None:
        """The player prepared for ``path`` (its frame may still be decoding), now the caller's; None if none."""
        return self._prepared.pop(path, None)

    def player_for(self, path: Path) -> VlcPlayer | None:
        """The player prepared for ``path``, left in place (diagnostics and tests)."""
        return self._prepared.get(path)

    def is_ready(self, path: Path) -> bool:
        """``path`` is prepared and its first frame decoded."""
        player = self._prepared.get(path)
        return player is not None and player.has_frame

    def give_back(self, player: VlcPlayer) -> None:
        """Close a player the caller no longer shows and keep it for a later preparation."""
        player.close()
        if player not in self._spares:
            self._spares.append(player)

    def clear(self) -> None:
        for path in list(self._prepared):
            self.give_back(self._prepared.pop(path))
