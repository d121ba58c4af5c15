"""parcel-help's generator: decision_tree.yaml -> checked model -> site pages.

load (loader.py) -> validate (validate.py) -> model (model.py, build.py)
-> render (render.py, templates/). mkdocs_adapter.py is the only mkdocs adapter.
"""
