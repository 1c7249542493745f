"""The editor's widgets: the map tree, the details form, the findings list."""
