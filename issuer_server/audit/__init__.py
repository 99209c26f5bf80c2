"""The issuer's append-only audit log (docs/AUDIT.md): ``entries`` (what is logged), ``log`` (appending with a
signed checkpoint), ``record`` (the operations' hooks), ``proofs`` and ``history`` (reading), ``verify`` (the
full check behind ``issuer-server audit verify``), ``keys`` (the log key file), ``backfill`` (rows older than
the log)."""
