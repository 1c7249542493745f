"""The editor's dialogs: confirm, prompt for text, pick a node, help."""
