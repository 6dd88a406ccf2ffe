"""The dashboard's own URLs, handed to library functions that link to them."""

# A citation on the Sources page; the library fills in {citation}.
CITATION_LINK = "/Sources?citation={citation}"
