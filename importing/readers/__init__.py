"""Format readers: bytes in, one `importing.tree.Document` out."""
