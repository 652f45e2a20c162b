"""Words for users: the gettext catalogs (``i18n``), translated labels, locale
formatting of dates and money, and the phrases shared by every renderer."""
