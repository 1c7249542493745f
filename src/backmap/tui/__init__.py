"""`backmap edit`: the keyboard-driven Textual editor (the only package that imports textual)."""
