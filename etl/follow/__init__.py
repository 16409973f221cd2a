"""python -m etl follow: poll news feeds and append their new articles to the tables.

feedlist.py reads the feeds file and the --every interval; state.py keeps each
feed's validators, errors and counts in follow.json beside the tables;
fetching.py makes the polite, conditional requests and turns an answer into
records; passes.py runs a pass (poll every feed, append once) and the loop."""
