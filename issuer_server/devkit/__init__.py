"""Tools for tests, benchmarks and demos: throwaway PostgreSQL clusters, tiny generated programs and
valid score-sheet pushes. The service itself never imports this package."""
