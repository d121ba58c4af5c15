"""parcel-help's generator: the data files -> one checked SiteData -> site pages.

pipeline.py reads every data file once: load (loader.py) -> check (validate.py,
translate.py, tools/check.py; schema words from schema_check.py) -> model (build.py,
model.py, tools/model.py). render.py and templates/ turn SiteData into pages;
mkdocs_adapter/ is the only package that imports mkdocs.
"""
