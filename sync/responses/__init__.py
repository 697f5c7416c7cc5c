"""Survey response sheets (roadmap п. 22): the form's own sheet, read as a second source of
«Обратная связь». Which sheets they are (`sheets`), and their rows as answers (`rows`). Pure.
nastavnik never writes into them: the ChangeSet refuses (sync/changeset.py)."""
