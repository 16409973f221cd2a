"""The dashboard's shared package: loading, filtering, charting and exporting.

Pages (Overview.py and pages/*.py) only lay things out; every rule about
data lives here so that all pages agree. Nothing here writes outside a
temporary folder, so the app runs read-only on Streamlit Community Cloud."""
