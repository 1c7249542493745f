"""People: the optional people file's model, and what each person and team carries in the map."""
