#!/bin/bash
# deb after-install (electron-builder.yml: deb.afterInstall). This is a template: when it builds
# the package, electron-builder replaces each dollar-brace name made of letters only (executable,
# sanitizedProductName) and stops with "Macro ... is not defined" at any other. Shell variables
# are therefore written $name, or with a :- default inside the braces.

# Start at login for every user: an XDG autostart entry, system-wide. (Electron's
# app.setLoginItemSettings() does nothing on Linux.) HALLO_AGENT_DESTDIR puts it under another
# root instead (tests/packaging/autostart.test.ts); dpkg never sets it.
autostart_dir="${HALLO_AGENT_DESTDIR:-}/etc/xdg/autostart"
mkdir -p "$autostart_dir"
cat > "$autostart_dir/${executable}.desktop" <<'DESKTOP'
[Desktop Entry]
Type=Application
Name=hallo, agent
Comment=hallo, tray agent for managed workstations
Exec="/opt/${sanitizedProductName}/${executable}"
Icon=${executable}
Terminal=false
NoDisplay=true
X-GNOME-Autostart-enabled=true
DESKTOP
chmod 0644 "$autostart_dir/${executable}.desktop"

# The managed configuration from debconf (README "Deployment"; debconf-templates, debconf-config.sh):
#   hallo_write_config <api url> <enrolment code> <file>
# Both or neither: with neither nothing is written; an existing file is left as it is (it may hold
# other settings: to change it, edit it or remove it and run dpkg-reconfigure). A value outside
# the allow-lists fails the install with a message on stderr, before anything is written. The
# allow-lists keep quotes, backslashes and control characters out, so the JSON needs no escaping;
# the agent checks the values again when it reads them (electron/agent/config/managed-config.ts).
# tests/packaging/deb-config.test.ts runs this function.
hallo_write_config() {
    local hallo_url=$1 hallo_code=$2 hallo_file=$3
    if [ -z "$hallo_url" ] && [ -z "$hallo_code" ]; then
        return 0
    fi
    if [ -z "$hallo_url" ] || [ -z "$hallo_code" ]; then
        echo "hallo-agent: hallo-agent/api-url and hallo-agent/enrollment-code go together: give both or neither." >&2
        return 1
    fi
    # bash's =~ matches the whole value (a newline included); LC_ALL=C keeps the ranges ASCII.
    local LC_ALL=C
    local url_re='^https://[A-Za-z0-9._~:/%-]+$' code_re='^[A-Za-z0-9-]+$'
    local url_bytes code_bytes
    url_bytes=$(printf '%s' "$hallo_url" | wc -c)
    code_bytes=$(printf '%s' "$hallo_code" | wc -c)
    if ! [[ $hallo_url =~ $url_re ]] || [ "$url_bytes" -gt 2048 ]; then
        echo "hallo-agent: hallo-agent/api-url must be an https URL of letters, digits and - . _ ~ : / % (e.g. https://agent.hallo.eu/v1)." >&2
        return 1
    fi
    if ! [[ $hallo_code =~ $code_re ]] || [ "$code_bytes" -lt 4 ] || [ "$code_bytes" -gt 64 ]; then
        echo "hallo-agent: hallo-agent/enrollment-code must be 4 to 64 letters, digits and -." >&2
        return 1
    fi
    if [ -e "$hallo_file" ]; then
        echo "hallo-agent: $hallo_file exists: left as it is." >&2
        return 0
    fi
    # Written beside it, then renamed: the agent never reads half a file, and a full disk leaves
    # no half-written one behind.
    if ! { mkdir -p "$(dirname "$hallo_file")" &&
        printf '{\n  "apiUrl": "%s",\n  "enrollmentCode": "%s"\n}\n' "$hallo_url" "$hallo_code" > "$hallo_file.tmp" &&
        chmod 0644 "$hallo_file.tmp" &&
        mv -f "$hallo_file.tmp" "$hallo_file"; }; then
        rm -f "$hallo_file.tmp"
        echo "hallo-agent: could not write $hallo_file." >&2
        return 1
    fi
}

# Under another root only the entry above is written: the steps below change the running system.
if [ -n "${HALLO_AGENT_DESTDIR:-}" ]; then
    exit 0
fi

# debconf talks over stdout: read the answers, then db_stop, before anything below prints.
if [ -e /usr/share/debconf/confmodule ]; then
    . /usr/share/debconf/confmodule
    db_get hallo-agent/api-url || RET=""
    hallo_api_url=$RET
    db_get hallo-agent/enrollment-code || RET=""
    hallo_enrollment_code=$RET
    db_stop
    hallo_write_config "$hallo_api_url" "$hallo_enrollment_code" /etc/hallo-agent/config.json || exit 1
fi

# ---- electron-builder's own after-install, which a custom deb.afterInstall replaces: kept as it
# ---- is in app-builder-lib 26.17.0 (templates/linux/after-install.tpl); autostart.test.ts checks.

if type update-alternatives >/dev/null 2>&1; then
    # Remove previous link if it doesn't use update-alternatives
    if [ -L '/usr/bin/${executable}' -a -e '/usr/bin/${executable}' -a "`readlink '/usr/bin/${executable}'`" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' '/opt/${sanitizedProductName}/${executable}' 100 || ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
else
    ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
fi

# Check if user namespaces are supported by the kernel and working with a quick test:
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    # Use SUID chrome-sandbox only on systems without user namespaces:
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# Install apparmor profile. (Ubuntu 24+)
# First check if the version of AppArmor running on the device supports our profile.
# This is in order to keep backwards compatibility with Ubuntu 22.04 which does not support abi/4.0.
# In that case, we just skip installing the profile since the app runs fine without it on 22.04.
#
# Those apparmor_parser flags are akin to performing a dry run of loading a profile.
# https://wiki.debian.org/AppArmor/HowToUse#Dumping_profiles
#
# Unfortunately, at the moment AppArmor doesn't have a good story for backwards compatibility.
# https://askubuntu.com/questions/1517272/writing-a-backwards-compatible-apparmor-profile
if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'
  APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"

    # Updating the current AppArmor profile is not possible and probably not meaningful in a chroot'ed environment.
    # Use cases are for example environments where images for clients are maintained.
    # There, AppArmor might correctly be installed, but live updating makes no sense.
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      # Extra flags taken from dh_apparmor:
      # > By using '-W -T' we ensure that any abstraction updates are also pulled in.
      # https://wiki.debian.org/AppArmor/Contribute/FirstTimeProfileImport
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
  fi
fi
