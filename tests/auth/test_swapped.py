"""A swapped user model (AUTH_USER_MODEL): get_user_model, authentication, checks, objperms."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_swapped_user_model():
    """With AUTH_USER_MODEL swapped, the custom model authenticates and auth.User is swapped."""
    env = {**os.environ}
    env.pop("FRAMEWORK_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "tests.auth.swapped_project"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["model"] == "customuser.EmailUser"
    assert report["email"] == "Ann@example.com"
    assert report["authenticated"] == "Ann@example.com"
    assert report["wrong"] is None
    assert report["auth_user_swapped"] == "customuser.EmailUser"
    assert "has been swapped for 'customuser.EmailUser'" in report["swapped_error"]
    assert report["checks_ok"] == []
    assert report["bad_ids"] == ["auth.E002", "auth.E003"]
    assert report["has_obj_perm"] is True
    assert report["objects"] == ["Ann@example.com"]
