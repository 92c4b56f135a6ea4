"""The bundled example corpus, written for this project."""
