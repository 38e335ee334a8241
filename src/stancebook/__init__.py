"""stancebook."""
