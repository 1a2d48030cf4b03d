"""Documents: domain data in, PDF bytes out, in the Party document format (HD 36)."""
