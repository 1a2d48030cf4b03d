"""The widgets of the "Đánh giá, xếp loại" page: the cycle dialog, the organisation list, the
member table, the organisation form, the checks, the reasons, and the lists of who is missing."""
