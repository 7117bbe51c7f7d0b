# generated from forms/error_dialog.ui, do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'error_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_ErrorDialog(object):
    def setupUi(self, ErrorDialog):
        if not ErrorDialog.objectName():
            ErrorDialog.setObjectName(u"ErrorDialog")
        ErrorDialog.resize(640, 420)
        self.mainLayout = QVBoxLayout(ErrorDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.messageLabel = QLabel(ErrorDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.messageLabel)

        self.detailsEdit = QPlainTextEdit(ErrorDialog)
        self.detailsEdit.setObjectName(u"detailsEdit")
        self.detailsEdit.setReadOnly(True)
        self.detailsEdit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        self.mainLayout.addWidget(self.detailsEdit)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.copyButton = QPushButton(ErrorDialog)
        self.copyButton.setObjectName(u"copyButton")

        self.buttonsLayout.addWidget(self.copyButton)

        self.buttonsSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)

        self.closeButton = QPushButton(ErrorDialog)
        self.closeButton.setObjectName(u"closeButton")

        self.buttonsLayout.addWidget(self.closeButton)


        self.mainLayout.addLayout(self.buttonsLayout)


        self.retranslateUi(ErrorDialog)
        self.closeButton.clicked.connect(ErrorDialog.accept)

        self.closeButton.setDefault(True)


        QMetaObject.connectSlotsByName(ErrorDialog)
    # setupUi

    def retranslateUi(self, ErrorDialog):
        ErrorDialog.setWindowTitle(QCoreApplication.translate("ErrorDialog", u"\u041e\u0448\u0438\u0431\u043a\u0430", None))
        self.messageLabel.setText(QCoreApplication.translate("ErrorDialog", u"\u041f\u0440\u043e\u0438\u0437\u043e\u0448\u043b\u0430 \u043d\u0435\u043f\u0440\u0435\u0434\u0432\u0438\u0434\u0435\u043d\u043d\u0430\u044f \u043e\u0448\u0438\u0431\u043a\u0430. \u0421\u043a\u043e\u043f\u0438\u0440\u0443\u0439\u0442\u0435 \u043f\u043e\u0434\u0440\u043e\u0431\u043d\u043e\u0441\u0442\u0438 \u0438 \u043f\u0435\u0440\u0435\u0434\u0430\u0439\u0442\u0435 \u0438\u0445 \u0440\u0430\u0437\u0440\u0430\u0431\u043e\u0442\u0447\u0438\u043a\u0430\u043c.", None))
        self.copyButton.setText(QCoreApplication.translate("ErrorDialog", u"\u0421\u043a\u043e\u043f\u0438\u0440\u043e\u0432\u0430\u0442\u044c \u043f\u043e\u0434\u0440\u043e\u0431\u043d\u043e\u0441\u0442\u0438", None))
        self.closeButton.setText(QCoreApplication.translate("ErrorDialog", u"\u0417\u0430\u043a\u0440\u044b\u0442\u044c", None))
    # retranslateUi

