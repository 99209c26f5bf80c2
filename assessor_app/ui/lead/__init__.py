"""Lead mode (role ``lead``; docs/LEAD.md): the agreement dashboard, the adjudication queue, exports."""
