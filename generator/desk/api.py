"""The local-backend protocol of Decap CMS (as `decap-server` speaks it), answered from the store.

Every call is one JSON object `{branch, action, params}`; the answer is JSON,
and a refusal is a 4xx with `{"error": "…"}`, which the Decap client shows
to the editor as it is. Only the simple publishing mode is offered: a save
is published when it is committed, so the editorial-workflow actions are
answered as unsupported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.desk.refusals import Refused
from generator.desk.store import Store
from generator.records.addresses import PAGELESS
from generator.records.models import KINDS
from generator.strings import DESK

Answer = tuple[int, Any]


class Api:
    """Dispatches protocol actions to the store."""

    def __init__(self, store: Store, preview: str | None) -> None:
        self.store = store
        self.preview = preview
        self.actions: dict[str, Callable[[dict[str, Any]], Any]] = {
            "info": self.info,
            "entriesByFolder": self.entries_by_folder,
            "entriesByFiles": self.entries_by_files,
            "getEntry": self.get_entry,
            "persistEntry": self.persist_entry,
            "deleteFile": self.delete_file,
            "deleteFiles": self.delete_files,
            "getMedia": self.get_media,
            "getMediaFile": self.get_media_file,
            "persistMedia": self.persist_media,
            "getDeployPreview": self.get_deploy_preview,
        }

    def answer(self, body: Any) -> Answer:
        """The HTTP status and JSON body for one request body."""
        if not isinstance(body, dict) or not isinstance(body.get("action"), str) or not isinstance(body.get("params", {}), dict):
            return 400, {"error": DESK["bad_request"].format(detail="{branch, action, params}")}
        action = self.actions.get(body["action"])
        if action is None:
            return 422, {"error": DESK["unknown_action"].format(action=body["action"])}
        try:
            return 200, action(body.get("params", {}))
        except Refused as refusal:
            return refusal.status, {"error": refusal.message}
        except (KeyError, TypeError, AttributeError) as error:
            return 400, {"error": DESK["bad_request"].format(detail=f"{type(error).__name__}: {error}")}

    def info(self, params: dict[str, Any]) -> Any:
        return {"repo": self.store.root.name, "publish_modes": ["simple"], "type": "local_git"}

    def entries_by_folder(self, params: dict[str, Any]) -> Any:
        return self.store.entries(str(params["folder"]).strip("/"))

    def entries_by_files(self, params: dict[str, Any]) -> Any:
        return [self.store.entry(str(item["path"])) for item in params["files"]]

    def get_entry(self, params: dict[str, Any]) -> Any:
        return self.store.entry(str(params["path"]))

    def persist_entry(self, params: dict[str, Any]) -> Any:
        files = params.get("dataFiles") or [params["entry"]]
        if len(files) != 1 or files[0].get("newPath"):
            raise Refused(DESK["not_editable"].format(path=files[0].get("newPath") or files[0]["path"]), 403)
        options = params.get("options") or {}
        message = self.store.save(str(files[0]["path"]), str(files[0]["raw"]), new=bool(options.get("newEntry")), assets=list(params.get("assets") or []))
        return {"message": message}

    def delete_file(self, params: dict[str, Any]) -> Any:
        return {"message": self.store.delete([str(params["path"])])}

    def delete_files(self, params: dict[str, Any]) -> Any:
        return {"message": self.store.delete([str(path) for path in params["paths"]])}

    def get_media(self, params: dict[str, Any]) -> Any:
        return self.store.media_files()

    def get_media_file(self, params: dict[str, Any]) -> Any:
        return self.store.media_file(str(params["path"]))

    def persist_media(self, params: dict[str, Any]) -> Any:
        asset = params["asset"]
        return self.store.upload(str(asset["path"]), str(asset["content"]))

    def get_deploy_preview(self, params: dict[str, Any]) -> Any:
        """The local site (`safety365 serve`) for kinds with pages of their own; the collection's preview_path adds the record."""
        if self.preview is None or params.get("collection") not in KINDS or params.get("collection") in PAGELESS:
            return None
        return {"url": self.preview, "status": "SUCCESS"}

