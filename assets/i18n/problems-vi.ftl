# Các vấn đề mà trạng thái báo cáo, như ứng dụng hiển thị (src/problem.rs chọn mã và tham số).

problem-agent-not-running = Sheetsafe không theo dõi các sổ tính của bạn, nên đóng sổ tính sẽ không tạo bản sao lưu. Hãy để ứng dụng Sheetsafe luôn chạy (bật "Khởi động Sheetsafe khi tôi đăng nhập" trong Cài đặt).
problem-config-invalid = Không đọc được tệp cài đặt: { $reason } Việc sao lưu tiếp tục với cài đặt trước đó.
problem-folder-not-watched = Không thể theo dõi thư mục { $folder } ({ $reason }); việc đóng sổ tính ở đó sẽ không được nhận biết cho đến khi thư mục trở lại.
problem-catalog-unreadable = { $reason }
problem-workbook-missing = Không tìm thấy sổ tính { $workbook }. Nếu nó đã được di chuyển hoặc đổi tên, hãy sửa hồ sơ; nếu ổ đĩa của nó bị rút ra, hãy cắm lại.
problem-no-backup-yet = { $workbook } chưa có bản sao lưu nào. Hãy bấm "Sao lưu ngay".
problem-no-copy-off-disk = Mọi bản sao của { $profile } đều nằm trên cùng ổ đĩa với sổ tính ({ $folder }): ổ đĩa hỏng, bị mất trộm hay bị mã hóa sẽ mất cả sổ tính lẫn bản sao lưu. Hãy thêm một bản sao thứ hai trên ổ USB hoặc thư mục đám mây: bấm "Thêm bản sao thứ hai".
problem-changed-no-agent = { $workbook } được lưu lúc { $since } và lần lưu đó chưa được sao lưu. Hãy bấm "Sao lưu ngay" và để ứng dụng Sheetsafe luôn chạy.
problem-changed-open-since = { $workbook } có thay đổi được lưu từ { $since } nhưng chưa được sao lưu: nó đang mở từ { $open }. Hãy đóng nó để sao lưu ngay; nếu không, Sheetsafe sẽ sao lưu khi nó không được lưu thêm một lúc.
problem-changed-open = { $workbook } có thay đổi được lưu từ { $since } nhưng chưa được sao lưu: nó vẫn đang mở. Hãy đóng nó để sao lưu ngay.
problem-changed-failing = { $workbook } có thay đổi được lưu từ { $since } nhưng chưa được sao lưu: việc sao lưu đang thất bại (lý do ở bên dưới). Sheetsafe sẽ tiếp tục thử.
problem-changed-pending = { $workbook } có thay đổi được lưu từ { $since } nhưng chưa được sao lưu. Hãy bấm "Sao lưu ngay" để sao lưu.
problem-open-too-long = { $workbook } đã mở nhiều giờ với những thay đổi chưa được sao lưu. Hãy lưu và đóng nó để tạo bản sao lưu.
problem-stale-lock = Tệp khóa { $lock } do { $application } để lại, nhưng chương trình đó không còn chạy (có thể sau một sự cố). Việc sao lưu vẫn tiếp tục; nếu chương trình báo sổ tính bị khóa, hãy xóa tệp đó.
problem-backup-failed = Sao lưu { $workbook } thất bại: { $reason }
problem-damaged = Bản sao lưu mới nhất { $file } là của một sổ tính bị hỏng. Hãy sửa sổ tính, hoặc khôi phục một phiên bản cũ hơn từ Lịch sử.
problem-not-checked = Không kiểm tra được bản sao lưu mới nhất { $file } có bị hỏng hay không (bản sao đã được xác minh). Hãy cập nhật Sheetsafe rồi bấm "Kiểm tra".
problem-check-found = Lần kiểm tra định kỳ phát hiện: { $finding }
problem-not-repaired = { $reason }
problem-copy-overdue-away = Bản sao thứ hai { $destination } đã quá hạn vì { $folder } không có ở đó. Hãy cắm ổ đĩa hoặc kết nối lại thư mục chia sẻ; việc sao chép sẽ tự bắt đầu.
problem-copy-overdue = Bản sao thứ hai { $destination } đã quá hạn. Hãy để ứng dụng Sheetsafe luôn chạy; việc sao chép sẽ tự bắt đầu khi đến hạn.
problem-copy-failed = Bản sao thứ hai { $destination } thất bại: { $reason }
problem-unknown = Một phiên bản Sheetsafe mới hơn đã báo một vấn đề mà phiên bản này không mô tả được. Hãy cập nhật Sheetsafe để xem.
problem-mass-loss = { $count } sổ tính mất dữ liệu cùng lúc ({ $workbooks }): đây là dấu hiệu của mã độc tống tiền. Mọi phiên bản trước đó đều được giữ lại. Hãy ngắt máy tính khỏi mạng và rút các ổ sao lưu, rồi khôi phục sổ tính trên một máy tính sạch. Nếu thay đổi là cố ý, hãy nhấn “Thay đổi này là cố ý” bên cạnh cảnh báo của từng sổ tính.
