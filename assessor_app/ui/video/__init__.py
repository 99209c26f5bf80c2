"""The video pane: classroom video through libvlc's video callbacks, painted by a Qt widget.

``vlc_backend`` (the players) and ``vlc_media`` (the instance, what a file holds) hold every libvlc specific;
``frame_buffer`` the memory VLC decodes into; ``video_surface`` paints it; ``transport_bar`` holds the controls;
``standby_players`` keeps the next submissions' videos ready; ``video_pane`` ties them together with the public
API the scoring view uses. ``playback_clock`` and ``watched_coverage`` are plain Python, testable without Qt or VLC.
"""
