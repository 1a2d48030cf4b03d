"""The audit log page's parts: filters, the paged entry list, an entry's detail, the check."""
