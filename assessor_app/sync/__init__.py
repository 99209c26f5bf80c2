"""Talking to the issuer: the HTTP client, downloads, the outbox pusher, sign-in and the keyring."""
