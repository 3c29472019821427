"""Reading agreements (DOCX, PDF, scanned PDF, ODT, HTML, text) into the interchange format.

A pure pipeline: `readers` turn bytes into one document tree (`tree`), the layout stage
(`layout.normalise`) turns the template's many layouts into one canonical form, the
recognisers (`recognisers`, dispatched by section) read the LBF template's parts out of it,
and `pipeline.read_document` returns a `plans.interchange.Agreement` with warnings tied to the
fields they concern. The only database read is the funding periods' focus areas (pure callers
pass them); saving is a service's job.
"""
