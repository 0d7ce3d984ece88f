"""monitor: a policy-change monitor and notification daemon for Chinese AI subsidy vouchers."""
__version__ = "0.1.0"
