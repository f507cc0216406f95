# Sheetsafe — Tiếng Việt.

app-name = Sheetsafe
versions-count = { $count } phiên bản
level-ok = Mọi bản sao lưu đều đã được kiểm tra và còn mới
level-attention = Có điều cần bạn chú ý
level-failed = Một lần sao lưu hoặc kiểm tra đã thất bại
tray-open = Mở Sheetsafe
tray-backup-all = Sao lưu tất cả ngay
tray-verify-all = Kiểm tra tất cả
tray-pause = Tạm dừng 1 giờ
tray-resume = Tiếp tục sao lưu
tray-quit = Thoát
tray-last-backup = Lần sao lưu gần nhất: { $when }
tray-no-backup = Chưa có bản sao lưu nào
