/*
 * nls_shim.c: message translation turned off, for the sanitizer run
 * (test/sanitize/run).
 *
 * With libasan preloaded into PostgreSQL's programs (which are not built
 * with AddressSanitizer), glibc's lock of the message catalogs is left
 * unbalanced before main() runs, and the first bindtextdomain() waits on
 * it for ever: postgres hangs at start.  Preloaded after libasan, these
 * definitions take the place of glibc's: messages stay untranslated (the
 * test cluster runs in the C.UTF-8 locale anyway) and the lock is never
 * taken.  Never part of the extension.
 */
#include <stddef.h>

char	   *gettext(const char *msgid);
char	   *dgettext(const char *domain, const char *msgid);
char	   *dcgettext(const char *domain, const char *msgid, int category);
char	   *ngettext(const char *msgid, const char *plural, unsigned long n);
char	   *dngettext(const char *domain, const char *msgid, const char *plural,
					  unsigned long n);
char	   *dcngettext(const char *domain, const char *msgid, const char *plural,
					   unsigned long n, int category);
char	   *textdomain(const char *domain);
char	   *bindtextdomain(const char *domain, const char *dir);
char	   *bind_textdomain_codeset(const char *domain, const char *codeset);

char *
gettext(const char *msgid)
{
	return (char *) msgid;
}

char *
dgettext(const char *domain, const char *msgid)
{
	return (char *) msgid;
}

char *
dcgettext(const char *domain, const char *msgid, int category)
{
	return (char *) msgid;
}

char *
ngettext(const char *msgid, const char *plural, unsigned long n)
{
	return (char *) (n == 1 ? msgid : plural);
}

char *
dngettext(const char *domain, const char *msgid, const char *plural,
		  unsigned long n)
{
	return (char *) (n == 1 ? msgid : plural);
}

char *
dcngettext(const char *domain, const char *msgid, const char *plural,
		   unsigned long n, int category)
{
	return (char *) (n == 1 ? msgid : plural);
}

char *
textdomain(const char *domain)
{
	return (char *) (domain ? domain : "messages");
}

char *
bindtextdomain(const char *domain, const char *dir)
{
	return (char *) (dir ? dir : "/usr/share/locale");
}

char *
bind_textdomain_codeset(const char *domain, const char *codeset)
{
	return (char *) codeset;
}
