"""WM620 — what a photo's metadata says about where it was taken and who took it (5.3.2 d), read by
`wemedia.imagemeta` from each JPEG or PNG asset a post lists; `wemedia assets strip` removes it."""

from __future__ import annotations

import os

from wemedia import imagemeta
from wemedia.findings import Problem
from wemedia.i18n import Text
from wemedia.rules.registry import rule

_LIMIT = 64 * 1024 * 1024  # larger files are not read: no photo for self-media is that big


@rule(
    "WM620",
    "5.3.2 d",
    "图片的元数据中不得带有 GPS 坐标或人名",
    "no GPS coordinates or person's name in an image's metadata",
)
def image_metadata(post, archive):
    """规则: `assets` 中登记的 JPEG、PNG 图片，元数据（EXIF、XMP、IPTC、PNG 文本块）中不得带有 GPS 坐标
      （拍摄地点）或人名（EXIF Artist、OwnerName、CameraOwnerName，XMP dc:creator，IPTC By-line，PNG Author）。
      按文件内容判断是不是图片，不看扩展名；不是 JPEG、PNG 的素材不检查。运行 `wemedia assets strip 文件路径`
      即可去掉这些信息：像素数据一个字节都不改，AI 生成内容的隐式标识（元数据中名为 AIGC 的字段）保留。
    原因: 5.3.2 d 要求审核不宜公开的信息。手机拍的照片通常带有拍摄地点的经纬度，相机里常写着机主姓名；
      图片发布或放进存档网站后，任何人下载原图都能读出来（读者的住址、馆员的姓名）。
    示例: `wemedia assets strip content/posts/2026/09/img/huodong.jpg`，然后 `git add` 这个文件再提交。
    """
    for i, asset in post.list_of("assets"):
        written = asset.get("file")
        if not isinstance(written, str):
            continue
        path = post.resolve(written)
        if not archive.exists(path):
            continue  # WM211 says so
        full = os.path.join(archive.root, path)
        try:
            if not os.path.isfile(full) or os.path.getsize(full) > _LIMIT:
                continue
            with open(full, "rb") as handle:
                data = handle.read()
        except OSError:
            continue
        found = imagemeta.inspect(data)
        if found is None or not found.items:
            continue
        what = Text("、".join(t.zh for t in found.items), ", ".join(t.en for t in found.items))
        keep = (
            Text("，AI 生成标识（AIGC）会保留", "; the AI-generation label (AIGC) is kept")
            if found.aigc
            else Text("", "")
        )
        yield Problem(
            Text(
                f"图片“{written}”的元数据中有{what.zh}，发布后任何人都能从原图读出；请运行 "
                f"`wemedia assets strip {path}` 去掉（像素不变{keep.zh}），再 git add 这个文件。",
                f"the image '{written}' carries {what.en} in its metadata, readable by anyone from the "
                f"original; run `wemedia assets strip {path}` to remove it (pixels unchanged{keep.en}), "
                "then git add the file.",
            ),
            at=("assets", i, "file"),
        )
