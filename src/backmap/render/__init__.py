"""Ways to show a map: the terminal tree now; graphviz, Mermaid and Markdown exports later."""
