"""The layout stage between the readers' tree and the recognisers."""
