"""Channel adapters: each turns platform requests into `Incoming` values and renders `Reply` values."""

__all__: list[str] = []
