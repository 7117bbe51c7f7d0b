# generated from forms/import_summary_dialog.ui, do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'import_summary_dialog.ui'
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

class Ui_ImportSummaryDialog(object):
    def setupUi(self, ImportSummaryDialog):
        if not ImportSummaryDialog.objectName():
            ImportSummaryDialog.setObjectName(u"ImportSummaryDialog")
        ImportSummaryDialog.resize(640, 420)
        self.mainLayout = QVBoxLayout(ImportSummaryDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.headlineLabel = QLabel(ImportSummaryDialog)
        self.headlineLabel.setObjectName(u"headlineLabel")
        self.headlineLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.headlineLabel)

        self.detailsEdit = QPlainTextEdit(ImportSummaryDialog)
        self.detailsEdit.setObjectName(u"detailsEdit")
        self.detailsEdit.setReadOnly(True)
        self.detailsEdit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

        self.mainLayout.addWidget(self.detailsEdit)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.copyButton = QPushButton(ImportSummaryDialog)
        self.copyButton.setObjectName(u"copyButton")

        self.buttonsLayout.addWidget(self.copyButton)

        self.buttonsSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)

        self.closeButton = QPushButton(ImportSummaryDialog)
        self.closeButton.setObjectName(u"closeButton")

        self.buttonsLayout.addWidget(self.closeButton)


        self.mainLayout.addLayout(self.buttonsLayout)


        self.retranslateUi(ImportSummaryDialog)
        self.closeButton.clicked.connect(ImportSummaryDialog.accept)

        self.closeButton.setDefault(True)


        QMetaObject.connectSlotsByName(ImportSummaryDialog)
    # setupUi

    def retranslateUi(self, ImportSummaryDialog):
        ImportSummaryDialog.setWindowTitle(QCoreApplication.translate("ImportSummaryDialog", u"\u0418\u0442\u043e\u0433\u0438 \u0438\u043c\u043f\u043e\u0440\u0442\u0430", None))
        self.headlineLabel.setText(QCoreApplication.translate("ImportSummaryDialog", u"\u0418\u043c\u043f\u043e\u0440\u0442 \u0437\u0430\u0432\u0435\u0440\u0448\u0451\u043d", None))
        self.copyButton.setText(QCoreApplication.translate("ImportSummaryDialog", u"\u0421\u043a\u043e\u043f\u0438\u0440\u043e\u0432\u0430\u0442\u044c", None))
        self.closeButton.setText(QCoreApplication.translate("ImportSummaryDialog", u"\u0417\u0430\u043a\u0440\u044b\u0442\u044c", None))
    # retranslateUi

