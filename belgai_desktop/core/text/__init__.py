"""Words for users: translated labels, locale formatting of dates and money, and the phrases
shared by every renderer. The gettext catalogs themselves are :mod:`belgai_desktop.core.i18n`,
one level down, since the data's and the errors' messages are translated too."""
