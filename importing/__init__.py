"""Reading agreements (DOCX, PDF, scanned PDF, ODT, HTML, text) into the interchange format.

A pure pipeline: `readers` turn bytes into one document tree (`tree`), the recognisers in
`recognise` read the LBF template's parts out of it, and `pipeline.read_document` returns a
`plans.interchange.Agreement` with warnings. No database here; saving is a service's job.
"""
