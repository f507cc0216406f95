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
alarm-lost-sheet = { $workbook }: trang tính “{ $sheet }” ({ $before } dòng) đã biến mất trong phiên bản lúc { $when }.
alarm-lost-rows = { $workbook }: { $lost } trong số { $before } dòng của trang tính “{ $sheet }” đã biến mất trong phiên bản lúc { $when }.
alarm-lost-cells = { $workbook }: { $lost } trong số { $before } ô có dữ liệu của trang tính “{ $sheet }” đã biến mất trong phiên bản lúc { $when }.
alarm-pinned = Phiên bản lúc { $kept } vẫn còn dữ liệu đó và được giữ lại cho đến khi bạn xác nhận thay đổi là cố ý. Khôi phục bằng: sheetsafe restore "{ $profile }" --workbook "{ $workbook }" --version "{ $file }" --to COPY; hoặc chấp nhận thay đổi bằng: sheetsafe accept-change "{ $profile }" --workbook "{ $workbook }"
alarm-kept = Phiên bản lúc { $kept } vẫn còn dữ liệu đó và được giữ lại cho đến khi bạn xác nhận thay đổi là cố ý: hãy khôi phục nó bằng nút bên cạnh, hoặc bấm “Thay đổi này là cố ý”.
finding-sheet-unreadable = Sheetsafe không đọc được trang tính “{ $sheet }” của { $workbook } (phiên bản { $file }): { $detail }. Bản sao đã được kiểm tra; đây là giới hạn của trình đọc, không phải hư hỏng.
finding-workbook-unreadable = Sheetsafe không đọc được các trang tính của { $workbook } (phiên bản { $file }): { $detail }. Bản sao đã được kiểm tra; đây là giới hạn của trình đọc, không phải hư hỏng.
finding-timed-out = việc đọc mất quá nhiều thời gian
